import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Api } from '../api/index.js';
import { PortalElement } from '../ui/portal-element.js';
import './visitor-details.js';
import './visitor-history.js';
import './visitor-notes.js';

/** The column beside a conversation: the visitor's profile, the notes about them, their other conversations. */
@customElement('visitor-panel')
export class VisitorPanel extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      :host {
        display: block;
      }
      aside {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      .card {
        display: block;
        padding: 16px;
      }
    `,
  ];

  @property({ attribute: false }) api?: Api;
  @property({ attribute: false }) visitorId?: string;
  @property({ attribute: false }) conversationId?: string;

  override render() {
    if (!this.visitorId) return nothing;
    return html`
      <aside aria-label=${this.t.visitor.panel}>
        <visitor-details class="card" .locale=${this.locale} .api=${this.api} .visitorId=${this.visitorId}></visitor-details>
        <visitor-notes class="card" .locale=${this.locale} .api=${this.api} .visitorId=${this.visitorId}></visitor-notes>
        <visitor-history
          class="card"
          .locale=${this.locale}
          .api=${this.api}
          .visitorId=${this.visitorId}
          .currentConversationId=${this.conversationId}
        ></visitor-history>
      </aside>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visitor-panel': VisitorPanel;
  }
}
