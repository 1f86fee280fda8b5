import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { errorText } from '../i18n/error-text.js';
import { parseRoute, type Route } from '../state/router.js';
import { PortalElement } from '../ui/portal-element.js';
import { access, type Access } from './route-access.js';
import type { Services } from './services.js';
import '../auth/forgot-password-page.js';
import '../auth/set-password-page.js';
import '../auth/sign-in-page.js';
import '../inbox/inbox-page.js';
import '../users/users-page.js';
import './home-page.js';
import './portal-header.js';

/**
 * The portal's shell: skip link, header with navigation, the page for the current route in <main>,
 * and a live region for announcements. Routes are guarded here by session and permission; the
 * hub refuses the same requests anyway.
 */
@customElement('portal-app')
export class PortalApp extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
      }
      .skip {
        position: absolute;
        left: 12px;
        top: -48px;
        z-index: 100;
        padding: 8px 14px;
        border-radius: 8px;
        background: var(--surface, #fff);
      }
      .skip:focus {
        top: 12px;
      }
      main {
        flex: 1;
        display: flex;
        flex-direction: column;
        min-height: 0;
        padding: 20px;
      }
      main:focus {
        outline: none;
      }
      main.signed-out {
        padding: 0;
      }
      main > * {
        flex: 1;
      }
      main > inbox-page {
        height: calc(100vh - 100px);
      }
      main > .center {
        flex: 0 0 auto;
        align-self: center;
        width: min(560px, 100%);
        margin: 48px auto;
      }
      @media (max-width: 860px) {
        main {
          padding: 12px;
        }
        main > inbox-page {
          height: auto;
        }
      }
    `,
  ];

  @property({ attribute: false }) services?: Services;
  @query('main') private main!: HTMLElement;
  #lastRouteName: Route['name'] | null = null;

  protected override watchedStores() {
    const s = this.services;
    return s ? [s.session, s.router, s.inbox, s.inbox.attention] : [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('click', this.#onClick);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('click', this.#onClick);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') && this.services) this.locale = this.services.locale;
  }

  override render() {
    const s = this.services;
    if (!s) return nothing;
    const state = s.session.value;
    if (state.status === 'loading') return html`<main id="main" tabindex="-1"><p class="card center" role="status">${this.t.common.loading}</p></main>`;
    if (state.status === 'unreachable') {
      return html`<main id="main" tabindex="-1">
        <div class="card center" role="alert">
          <h1>${this.t.app.unreachableTitle}</h1>
          <p>${errorText(this.t, state.error)}</p>
          <button class="button primary" type="button" @click=${() => void s.session.load()}>${this.t.app.retry}</button>
        </div>
      </main>`;
    }
    const session = s.session.session;
    const decision = this.#access();
    const announcement = s.inbox.attention?.value;
    return html`
      <a class="skip" href="#main" @click=${this.#skip}>${this.t.app.skip}</a>
      ${session ? html`<portal-header .locale=${this.locale} .session=${s.session} .router=${s.router} .sound=${s.sound} .inbox=${s.inbox.value}></portal-header>` : nothing}
      <main id="main" tabindex="-1" class=${session ? '' : 'signed-out'}>${this.#page(decision)}</main>
      <div class="visually-hidden" aria-live="polite" id="announcer">${announcement ? announcement.text(this.t) : nothing}</div>
    `;
  }

  protected override updated(): void {
    const s = this.services;
    if (!s || s.session.value.status === 'loading' || s.session.value.status === 'unreachable') return;
    const decision = this.#access();
    if (decision.kind === 'redirect') {
      if (decision.rememberReturn) s.router.returnTo = window.location.pathname;
      let path = decision.path;
      const session = s.session.session;
      // Once signed in, back to the page that sent the user to sign in, when they may see it.
      const returnTo = s.router.returnTo;
      if (session && returnTo) {
        s.router.returnTo = null;
        if (access(parseRoute(returnTo), session).kind === 'show') path = returnTo;
      }
      s.router.navigate(path, { replace: true });
      return;
    }
    // A new page: move focus to it, so keyboard and screen reader users start there.
    const name = s.router.value.name;
    if (this.#lastRouteName !== null && this.#lastRouteName !== name) this.main?.focus();
    this.#lastRouteName = name;
  }

  #access(): Access {
    const s = this.services!;
    return access(s.router.value, s.session.session);
  }

  #page(decision: Access) {
    const s = this.services!;
    const t = this.t;
    if (decision.kind === 'redirect') return nothing;
    if (decision.kind === 'forbidden') {
      return html`<section class="card center" aria-labelledby="forbidden-title">
        <h1 id="forbidden-title">${t.app.forbiddenTitle}</h1>
        <p>${t.app.forbidden}</p>
        <p><a href="/portal/">${t.app.toStart}</a></p>
      </section>`;
    }
    const route = decision.route;
    switch (route.name) {
      case 'sign-in':
        return html`<sign-in-page .locale=${this.locale} .session=${s.session}></sign-in-page>`;
      case 'forgot-password':
        return html`<forgot-password-page .locale=${this.locale} .api=${s.api}></forgot-password-page>`;
      case 'set-password':
        return html`<set-password-page .locale=${this.locale} .api=${s.api} .session=${s.session} .router=${s.router}></set-password-page>`;
      case 'inbox':
        return html`<inbox-page
          .locale=${this.locale}
          .inbox=${s.inbox.value}
          .api=${s.api}
          .router=${s.router}
          .conversationId=${route.conversationId}
          ?canSeeAll=${s.session.may('conversations.all')}
        ></inbox-page>`;
      case 'users':
        return html`<users-page .locale=${this.locale} .api=${s.api} .session=${s.session}></users-page>`;
      case 'home':
        return html`<home-page .locale=${this.locale} .session=${s.session}></home-page>`;
      case 'not-found':
        return html`<section class="card center" aria-labelledby="not-found-title">
          <h1 id="not-found-title">${t.app.notFoundTitle}</h1>
          <p><a href="/portal/">${t.app.toStart}</a></p>
        </section>`;
    }
  }

  #skip(event: Event): void {
    event.preventDefault();
    this.main?.focus();
  }

  readonly #onClick = (event: MouseEvent): void => this.services?.router.handleClick(event);
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-app': PortalApp;
  }
}
