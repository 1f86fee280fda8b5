import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { format } from '../i18n/strings.js';
import type { SessionStore } from '../state/session-store.js';
import { PortalElement } from '../ui/portal-element.js';

/** The landing page of roles without an inbox or users page (Analysts): the account at a glance. */
@customElement('home-page')
export class HomePage extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      :host {
        display: block;
        max-width: 720px;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 8px 16px;
        margin: 0;
      }
      dt {
        color: var(--muted, #475569);
      }
      dd {
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) session?: SessionStore;

  protected override watchedStores() {
    return [this.session];
  }

  override render() {
    const session = this.session?.session;
    if (!session) return nothing;
    const t = this.t.home;
    const { user, account } = session;
    return html`
      <section class="card" aria-labelledby="home-title">
        <h1 id="home-title">${format(t.welcome, { name: user.firstName })}</h1>
        <p>${t.intro}</p>
        <dl>
          <dt>${t.account}</dt>
          <dd>${account.name}</dd>
          <dt>${t.role}</dt>
          <dd>${this.t.roles[user.role]}</dd>
          <dt>${t.seats}</dt>
          <dd>${format(t.seatsValue, { used: account.seatsUsed, count: account.seatCount })}</dd>
          <dt>${t.timezone}</dt>
          <dd>${account.timezone}</dd>
        </dl>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'home-page': HomePage;
  }
}
