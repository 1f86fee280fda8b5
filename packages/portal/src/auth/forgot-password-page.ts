import { html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Api } from '../api/index.js';
import type { CodedError } from '../api/http.js';
import { errorText } from '../i18n/error-text.js';
import { PortalElement } from '../ui/portal-element.js';
import { authStyles } from './auth-styles.js';

/**
 * Asks the hub to mail a link for choosing a new password (which also unlocks a locked user).
 * The hub answers the same whether or not the address is known, and so does this page.
 */
@customElement('forgot-password-page')
export class ForgotPasswordPage extends PortalElement {
  static override styles = [PortalElement.styles, authStyles];

  @property({ attribute: false }) api?: Api;

  @state() private error: CodedError | null = null;
  @state() private sent = false;
  @state() private busy = false;

  @query('#email') private email!: HTMLInputElement;

  override render() {
    const t = this.t.forgot;
    return html`
      <section class="card" aria-labelledby="title">
        <p class="brand">#Interact</p>
        <h1 id="title">${t.title}</h1>
        <p>${t.intro}</p>
        <p class="success" role="status">${this.sent ? t.sent : nothing}</p>
        <form @submit=${this.#submit} novalidate ?hidden=${this.sent}>
          <div class="field">
            <label for="email">${t.email}</label>
            <input id="email" name="email" type="email" autocomplete="username" required />
          </div>
          <div class="alert" role="alert">${this.error ? this.#errorMessage(this.error) : nothing}</div>
          <button class="button primary" type="submit" ?disabled=${this.busy}>${t.submit}</button>
        </form>
        <p class="links"><a href="/portal/sign-in">${t.back}</a></p>
      </section>
    `;
  }

  #errorMessage(error: CodedError): string {
    return error.code === 'validation_failed' || error.code === 'missing' ? this.t.forgot.invalidEmail : errorText(this.t, error);
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.api) return;
    const email = this.email.value.trim();
    if (!email.includes('@')) {
      this.error = { code: 'missing', message: '' };
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await this.api.auth.forgotPassword(email);
      this.sent = true;
    } catch (error) {
      this.error = error as CodedError;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'forgot-password-page': ForgotPasswordPage;
  }
}
