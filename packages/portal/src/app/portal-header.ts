import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { format, LANGUAGES, type Language } from '../i18n/index.js';
import type { InboxStore } from '../inbox/inbox-store.js';
import type { SoundSetting } from '../inbox/sound-setting.js';
import { routePath, type Route, type Router } from '../state/router.js';
import type { SessionStore } from '../state/session-store.js';
import { PortalElement } from '../ui/portal-element.js';
import { navigation } from './route-access.js';

/** Each language's name in itself, for the switch. */
const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français', nl: 'Nederlands' };

/**
 * The top bar: the brand and account, the pages this role may open, the inbox's connection state,
 * the language switch, the new-conversation sound toggle, and the user's menu with sign-out.
 */
@customElement('portal-header')
export class PortalHeader extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 20px;
        align-items: center;
        padding: 10px 20px;
        background: var(--surface, #fff);
        border-bottom: 1px solid var(--border, #e5e7eb);
      }
      .brand {
        display: flex;
        gap: 10px;
        align-items: baseline;
        color: inherit;
        text-decoration: none;
      }
      .brand strong {
        color: var(--accent, #2563eb);
        font-size: 1.1rem;
      }
      .account {
        color: var(--muted, #475569);
        font-size: 0.9rem;
      }
      nav ul {
        display: flex;
        gap: 4px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      nav a {
        display: inline-flex;
        gap: 6px;
        align-items: center;
        padding: 6px 12px;
        border-radius: 8px;
        color: inherit;
        text-decoration: none;
        font-weight: 500;
      }
      nav a:hover {
        background: var(--surface-muted, #f1f5f9);
      }
      nav a[aria-current='page'] {
        background: var(--accent-soft, #dbeafe);
        color: var(--accent-text, #1e3a8a);
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        align-items: center;
        margin-left: auto;
      }
      .language {
        display: flex;
        gap: 6px;
        align-items: center;
      }
      .language select {
        width: auto;
        min-height: 32px;
        padding: 3px 8px;
      }
      .connection {
        color: var(--danger-text, #7f1d1d);
        font-size: 0.85rem;
      }
      details {
        position: relative;
      }
      summary {
        list-style: none;
        cursor: pointer;
      }
      summary::-webkit-details-marker {
        display: none;
      }
      .menu {
        position: absolute;
        right: 0;
        z-index: 10;
        min-width: 240px;
        margin-top: 6px;
        padding: 12px;
        border: 1px solid var(--border, #e5e7eb);
        border-radius: 10px;
        background: var(--surface, #fff);
        box-shadow: 0 10px 30px rgb(15 23 42 / 0.15);
      }
      .menu p {
        margin: 0 0 8px;
        font-size: 0.9rem;
      }
      .menu .button {
        width: 100%;
        margin-top: 6px;
      }
    `,
  ];

  @property({ attribute: false }) session?: SessionStore;
  @property({ attribute: false }) router?: Router;
  @property({ attribute: false }) sound?: SoundSetting;
  @property({ attribute: false }) inbox?: InboxStore | null;

  protected override watchedStores() {
    return [this.session, this.router, this.sound, this.inbox];
  }

  override render() {
    const session = this.session?.session;
    if (!session) return nothing;
    const t = this.t.header;
    const route = this.router?.value;
    const queue = this.inbox?.queue().length ?? 0;
    const connection = this.inbox?.value.connection;
    return html`
      <header>
        <a class="brand" href="/portal/"><strong>#Interact</strong><span class="account">${session.account.name}</span></a>
        <nav aria-label=${t.nav}>
          <ul>
            ${navigation(session).map((name) => {
              const path = routePath(name === 'inbox' ? { name, conversationId: null } : { name });
              return html`<li>
                <a href=${path} id="nav-${name}" aria-current=${this.#current(route, name) ? 'page' : 'false'}>
                  ${t.links[name]}
                  ${name === 'inbox' && queue > 0
                    ? html`<span class="badge" aria-hidden="true">${queue}</span><span class="visually-hidden">(${this.#waiting(queue)})</span>`
                    : nothing}
                </a>
              </li>`;
            })}
          </ul>
        </nav>
        <div class="tools">
          ${connection === 'reconnecting' || connection === 'connecting'
            ? html`<span class="connection" role="status">${connection === 'reconnecting' ? this.t.app.reconnecting : this.t.app.connecting}</span>`
            : nothing}
          <div class="language">
            <label for="language">${t.language}</label>
            <select id="language" @change=${this.#chooseLanguage}>
              ${LANGUAGES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === this.language}>${LANGUAGE_NAMES[l]}</option>`)}
            </select>
          </div>
          ${this.inbox
            ? html`<button class="button small" type="button" id="sound" aria-pressed=${this.sound?.value ? 'true' : 'false'} @click=${() => this.sound?.toggle()}>
                ${t.sound}
              </button>`
            : nothing}
          <details>
            <summary class="button small" aria-label=${`${t.userMenu}: ${session.user.firstName} ${session.user.lastName}`}>
              ${session.user.firstName} ${session.user.lastName}
            </summary>
            <div class="menu">
              <p>${session.user.email}</p>
              <p class="muted">${this.t.roles[session.user.role]}</p>
              <button class="button" type="button" id="sign-out" @click=${() => void this.#signOut(false)}>${t.signOut}</button>
              <button class="button" type="button" id="sign-out-everywhere" @click=${() => void this.#signOut(true)}>${t.signOutEverywhere}</button>
            </div>
          </details>
        </div>
      </header>
    `;
  }

  #current(route: Route | undefined, name: 'inbox' | 'users' | 'home'): boolean {
    return route?.name === name;
  }

  #waiting(count: number): string {
    return format(this.t.header.waiting, { count });
  }

  #chooseLanguage(event: Event): void {
    this.locale?.choose((event.target as HTMLSelectElement).value as Language);
  }

  async #signOut(everywhere: boolean): Promise<void> {
    await this.session?.signOut(everywhere).catch(() => {});
    this.router?.go({ name: 'sign-in' }, { replace: true });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-header': PortalHeader;
  }
}
