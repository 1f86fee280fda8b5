import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ChatMessage } from '@interact/sdk';
import type { Api } from '../api/index.js';
import type { CodedError } from '../api/http.js';
import type { VisitorConversation } from '../api/types.js';
import { errorText } from '../i18n/error-text.js';
import { plural } from '../i18n/strings.js';
import { PortalElement } from '../ui/portal-element.js';
import { ReloadOnVisitorChange } from './reload-on-visitor-change.js';
import { dateTimeOf } from '../ui/time.js';
import '../conversation/message-list.js';

/** A visitor's other conversations, each readable in place (read-only). */
@customElement('visitor-history')
export class VisitorHistory extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        padding: 8px 0;
        border-bottom: 1px solid var(--border, #e5e7eb);
      }
      .row {
        display: flex;
        gap: 8px;
        align-items: flex-start;
        justify-content: space-between;
      }
      .summary {
        margin: 0;
        font-size: 0.875rem;
      }
      .last {
        margin: 2px 0 0;
        color: var(--muted, #475569);
        font-size: 0.85rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        max-width: 100%;
      }
      message-list {
        max-height: 360px;
        margin-top: 8px;
        border: 1px solid var(--border, #e5e7eb);
        border-radius: 8px;
      }
    `,
  ];

  @property({ attribute: false }) api?: Api;
  @property({ attribute: false }) visitorId?: string;
  /** The conversation shown beside this list, which is not repeated in it. */
  @property({ attribute: false }) currentConversationId?: string;

  @state() private conversations: VisitorConversation[] | null = null;
  @state() private error: CodedError | null = null;
  @state() private openId: string | null = null;
  @state() private messages: ChatMessage[] | null = null;
  @state() private messagesError: CodedError | null = null;
  /** Keeps the panel's data for the visitor it shows. */
  readonly #reload = new ReloadOnVisitorChange(this, () => this.visitorId, () => this.#load());


  override render() {
    const t = this.t.history;
    const list = this.conversations?.filter((c) => c.id !== this.currentConversationId);
    return html`
      <h2 id="history-title">${t.title}</h2>
      ${this.error ? html`<p class="alert" role="alert">${errorText(this.t, this.error)}</p>` : nothing}
      ${list === undefined && !this.error ? html`<p class="muted">${this.t.common.loading}</p>` : nothing}
      ${list?.length === 0 ? html`<p class="muted">${t.none}</p>` : nothing}
      ${list?.length ? html`<ul aria-labelledby="history-title">${list.map((c) => this.#item(c))}</ul>` : nothing}
    `;
  }

  #item(c: VisitorConversation) {
    const t = this.t.history;
    const open = this.openId === c.id;
    return html`<li>
      <div class="row">
        <div>
          <p class="summary">
            <time datetime=${c.createdAt}>${dateTimeOf(c.createdAt, this.language)}</time> · ${this.t.states[c.state]} ·
            ${plural(t.messageCount, c.messageCount, this.language)}${c.assignee ? html` · ${c.assignee.name}` : nothing}
          </p>
          ${c.lastMessage ? html`<p class="last">${c.lastMessage.text}</p>` : nothing}
        </div>
        <button class="button small" type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls="history-${c.id}" @click=${() => this.#toggle(c.id)}>
          ${open ? t.hide : t.read}<span class="visually-hidden"> ${dateTimeOf(c.createdAt, this.language)}</span>
        </button>
      </div>
      <div id="history-${c.id}" ?hidden=${!open}>
        ${open
          ? this.messagesError
            ? html`<p class="alert" role="alert">${errorText(this.t, this.messagesError)}</p>`
            : this.messages === null
              ? html`<p class="muted">${this.t.common.loading}</p>`
              : html`<message-list .locale=${this.locale} .messages=${this.messages} label=${t.transcript}></message-list>`
          : nothing}
      </div>
    </li>`;
  }

  async #load(): Promise<void> {
    const id = this.visitorId;
    this.conversations = null;
    this.error = null;
    this.openId = null;
    if (!id || !this.api) return;
    try {
      const list = await this.api.visitors.conversations(id);
      if (id === this.visitorId) this.conversations = list;
    } catch (error) {
      if (id === this.visitorId) this.error = error as CodedError;
    }
  }

  async #toggle(conversationId: string): Promise<void> {
    if (this.openId === conversationId) {
      this.openId = null;
      return;
    }
    this.openId = conversationId;
    this.messages = null;
    this.messagesError = null;
    try {
      const page = await this.api!.visitors.messages(conversationId);
      if (this.openId === conversationId) this.messages = page.messages;
    } catch (error) {
      if (this.openId === conversationId) this.messagesError = error as CodedError;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visitor-history': VisitorHistory;
  }
}
