import { html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { CodedError } from '../api/http.js';
import { errorText } from '../i18n/error-text.js';
import type { SessionStore } from '../state/session-store.js';
import { PortalElement } from '../ui/portal-element.js';
import { authStyles } from './auth-styles.js';

/**
 * Sign-in with e-mail and password. When the address belongs to several accounts the hub answers
 * `account_required`, and the page asks for the account's short name and tries again with it.
 * On success the session store changes and the app leaves this page.
 */
@customElement('sign-in-page')
export class SignInPage extends PortalElement {
  static override styles = [PortalElement.styles, authStyles];

  @property({ attribute: false }) session?: SessionStore;

  @state() private error: CodedError | null = null;
  @state() private needsAccount = false;
  @state() private busy = false;

  @query('form') private form!: HTMLFormElement;

  protected override watchedStores() {
    return [this.session];
  }

  override render() {
    const t = this.t.signIn;
    const state = this.session?.value;
    const expired = state?.status === 'signed-out' && state.reason === 'expired';
    return html`
      <section class="card" aria-labelledby="title">
        <p class="brand">#Interact</p>
        <h1 id="title">${t.title}</h1>
        <p class="success" role="status">${expired ? t.expired : nothing}</p>
        <form @submit=${this.#submit} novalidate>
          <div class="field">
            <label for="email">${t.email}</label>
            <input id="email" name="email" type="email" autocomplete="username" required />
          </div>
          <div class="field">
            <label for="password">${t.password}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </div>
          ${this.needsAccount
            ? html`<div class="field">
                <label for="account">${t.account}</label>
                <input id="account" name="account" autocomplete="organization" required aria-describedby="account-hint" />
                <p id="account-hint" class="hint">${t.accountHint}</p>
              </div>`
            : nothing}
          <div class="alert" role="alert" id="error">${this.#errorMessage()}</div>
          <button class="button primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.submitting : t.submit}</button>
        </form>
        <p class="links"><a href="/portal/forgot-password">${t.forgot}</a></p>
      </section>
    `;
  }

  #errorMessage() {
    const error = this.error;
    if (!error) return nothing;
    const t = this.t.signIn;
    switch (error.code) {
      case 'account_locked':
        return html`${t.locked} <a href="/portal/forgot-password">${t.forgot}</a>`;
      case 'account_required':
        return t.accountRequired;
      case 'missing':
        return t.missing;
      default:
        return errorText(this.t, error);
    }
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.session) return;
    const data = new FormData(this.form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const account = String(data.get('account') ?? '').trim();
    if (!email || !password || (this.needsAccount && !account)) {
      this.error = { code: 'missing', message: '' };
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const session = await this.session.signIn({ email, password, ...(account ? { account } : {}) });
      this.locale?.signedIn(session.user.nativeLanguage);
    } catch (error) {
      this.error = error as CodedError;
      if (this.error.code === 'account_required') {
        this.needsAccount = true;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>('#account')?.focus();
      }
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sign-in-page': SignInPage;
  }
}
