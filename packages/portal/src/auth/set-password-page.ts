import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Api } from '../api/index.js';
import type { CodedError } from '../api/http.js';
import type { LinkInfo } from '../api/types.js';
import { errorText } from '../i18n/error-text.js';
import { format } from '../i18n/strings.js';
import type { Router } from '../state/router.js';
import type { SessionStore } from '../state/session-store.js';
import { PortalElement } from '../ui/portal-element.js';
import { authStyles } from './auth-styles.js';

type Phase = { kind: 'checking' } | { kind: 'ready'; link: LinkInfo } | { kind: 'invalid'; error: CodedError };

/** The token from `#token=…`; read once and then removed from the address bar and the history entry. */
export function takeTokenFromLocation(win: Window = window): string | null {
  const token = new URLSearchParams(win.location.hash.slice(1)).get('token');
  if (token) win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
  return token;
}

/**
 * The page the mailed links open (`/portal/set-password#token=…`) for an invitation, a password
 * reset or an unlock: greets the user, says why they are here, and sets the password, which signs
 * them in.
 */
@customElement('set-password-page')
export class SetPasswordPage extends PortalElement {
  static override styles = [PortalElement.styles, authStyles];

  @property({ attribute: false }) api?: Api;
  @property({ attribute: false }) session?: SessionStore;
  @property({ attribute: false }) router?: Router;
  /** The link's token; read from the address's fragment when not set. */
  @property({ attribute: false }) token: string | null = null;

  @state() private phase: Phase = { kind: 'checking' };
  @state() private passwordError = '';
  @state() private confirmError = '';
  @state() private error: CodedError | null = null;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.token ??= takeTokenFromLocation();
    void this.#inspect();
  }

  override render() {
    const t = this.t.setPassword;
    const phase = this.phase;
    return html`
      <section class="card" aria-labelledby="title" aria-busy=${phase.kind === 'checking' ? 'true' : 'false'}>
        <p class="brand">#Interact</p>
        ${phase.kind === 'checking'
          ? html`<h1 id="title">${t.checking}</h1>`
          : phase.kind === 'invalid'
            ? html`<h1 id="title">${t.invalidTitle}</h1>
                <p class="alert" role="alert">${errorText(this.t, phase.error)}</p>
                <p class="links"><a href="/portal/forgot-password">${t.newLink}</a></p>`
            : this.#form(phase.link)}
      </section>
    `;
  }

  #form(link: LinkInfo) {
    const t = this.t.setPassword;
    return html`
      <h1 id="title">${format(t.greeting[link.purpose], { name: link.firstName })}</h1>
      <p class="purpose">${t.purpose[link.purpose]}</p>
      <p class="muted">${format(t.forEmail, { email: link.email })}</p>
      <form @submit=${this.#submit} novalidate>
        <input type="email" name="username" autocomplete="username" .value=${link.email} hidden readonly />
        <div class="field">
          <label for="password">${t.password}</label>
          <input
            id="password"
            type="password"
            autocomplete="new-password"
            required
            aria-invalid=${this.passwordError ? 'true' : 'false'}
            aria-describedby="password-hint password-error"
          />
          <p id="password-hint" class="hint">${t.hint}</p>
          <p id="password-error" class="field-error">${this.passwordError}</p>
        </div>
        <div class="field">
          <label for="confirm">${t.confirm}</label>
          <input
            id="confirm"
            type="password"
            autocomplete="new-password"
            required
            aria-invalid=${this.confirmError ? 'true' : 'false'}
            aria-describedby="confirm-error"
          />
          <p id="confirm-error" class="field-error">${this.confirmError}</p>
        </div>
        <div class="alert" role="alert">${this.error ? errorText(this.t, this.error) : nothing}</div>
        <button class="button primary" type="submit" ?disabled=${this.busy}>${t.submit[link.purpose]}</button>
      </form>
    `;
  }

  async #inspect(): Promise<void> {
    if (!this.api) return;
    if (!this.token) {
      this.phase = { kind: 'invalid', error: { code: 'invalid_link', message: this.t.errors.invalid_link } };
      return;
    }
    try {
      this.phase = { kind: 'ready', link: await this.api.auth.inspectLink(this.token) };
    } catch (error) {
      this.phase = { kind: 'invalid', error: error as CodedError };
    }
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.api || !this.token) return;
    const t = this.t.setPassword;
    const password = this.renderRoot.querySelector<HTMLInputElement>('#password')!.value;
    const confirm = this.renderRoot.querySelector<HTMLInputElement>('#confirm')!.value;
    this.passwordError = password ? '' : t.required;
    this.confirmError = password && confirm !== password ? t.mismatch : '';
    this.error = null;
    if (this.passwordError || this.confirmError) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(this.passwordError ? '#password' : '#confirm')?.focus();
      return;
    }
    this.busy = true;
    try {
      const session = await this.api.auth.setPassword(this.token, password);
      this.session?.adopt(session);
      this.locale?.signedIn(session.user.nativeLanguage);
      this.router?.go({ name: 'home' }, { replace: true });
    } catch (error) {
      const coded = error as CodedError;
      if (coded.code === 'weak_password') {
        // The hub says why (too short, too common, …): show its reason by the field.
        this.passwordError = `${t.weak} ${coded.message}`;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>('#password')?.focus();
      } else if (coded.code === 'invalid_link') {
        this.phase = { kind: 'invalid', error: coded };
      } else {
        this.error = coded;
      }
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'set-password-page': SetPasswordPage;
  }
}
