import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage } from '@interact/sdk';
import { errorText } from '../i18n/error-text.js';
import { PortalElement } from '../ui/portal-element.js';
import { timeOf } from '../ui/time.js';
import type { PendingMessage } from './conversation-controller.js';

/**
 * A conversation's messages, oldest first, as a live log. Every text a visitor, colleague or bot
 * wrote is rendered through text bindings only: markup in a message shows as the characters typed.
 *
 * @fires retry-message - `detail: clientMsgId`: send a refused message again.
 * @fires discard-message - `detail: clientMsgId`: drop a refused message.
 */
@customElement('message-list')
export class MessageList extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      :host {
        display: block;
        overflow-y: auto;
        overscroll-behavior: contain;
      }
      ol {
        display: flex;
        flex-direction: column;
        gap: 10px;
        margin: 0;
        padding: 16px;
        list-style: none;
      }
      .message {
        max-width: min(75%, 640px);
        align-self: flex-start;
        padding: 8px 12px;
        border-radius: 12px;
        background: var(--surface-muted, #f1f5f9);
      }
      .message.user {
        align-self: flex-end;
        background: var(--accent-soft, #dbeafe);
      }
      .message.bot {
        border: 1px solid var(--border, #e5e7eb);
        background: var(--surface, #fff);
      }
      .message.system {
        align-self: center;
        max-width: 100%;
        background: transparent;
        color: var(--muted, #475569);
        font-style: italic;
        font-size: 0.9rem;
      }
      .meta {
        display: flex;
        gap: 8px;
        margin: 0 0 2px;
        color: var(--muted, #475569);
        font-size: 0.8rem;
      }
      .author {
        font-weight: 600;
        color: var(--text, #1f2937);
      }
      .text {
        margin: 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .seen,
      .state {
        margin: 2px 0 0;
        color: var(--muted, #475569);
        font-size: 0.78rem;
        text-align: right;
      }
      .pending {
        opacity: 0.75;
      }
      .failed {
        opacity: 1;
        border: 1px solid var(--danger, #b91c1c);
      }
      .empty {
        margin: 24px;
        text-align: center;
      }
    `,
  ];

  @property({ attribute: false }) messages: readonly ChatMessage[] = [];
  @property({ attribute: false }) pending: readonly PendingMessage[] = [];
  /** The signed-in user's id: their messages say "You". */
  @property({ attribute: false }) meId = '';
  @property({ attribute: false }) visitorName = '';
  /** Highest seq the visitor has read: the last staff message up to it says "Seen". */
  @property({ type: Number }) seenSeq = 0;
  @property() label = '';

  #stickToBottom = true;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('messages') || changed.has('pending')) {
      this.#stickToBottom = this.scrollHeight - this.scrollTop - this.clientHeight < 48;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('messages') || changed.has('pending')) && this.#stickToBottom) this.scrollTop = this.scrollHeight;
  }

  override render() {
    const t = this.t.conversation;
    const seenAt = this.#seenMessageSeq();
    if (this.messages.length === 0 && this.pending.length === 0) {
      return html`<div role="log" aria-live="polite" aria-label=${this.label || t.messages}><p class="empty muted">${t.noMessages}</p></div>`;
    }
    return html`
      <div role="log" aria-live="polite" aria-label=${this.label || t.messages}>
        <ol>
          ${repeat(
            this.messages,
            (m) => m.id,
            (m) => html`
              <li class="message ${m.author.kind}">
                ${m.author.kind === 'system'
                  ? nothing
                  : html`<p class="meta"><span class="author">${this.#author(m)}</span><time datetime=${m.createdAt}>${timeOf(m.createdAt, this.language)}</time></p>`}
                <p class="text">${m.text}</p>
                ${m.seq === seenAt ? html`<p class="seen">${t.seen}</p>` : nothing}
              </li>
            `,
          )}
          ${repeat(
            this.pending,
            (p) => p.clientMsgId,
            (p) => html`
              <li class="message user pending ${p.error ? 'failed' : ''}">
                <p class="meta"><span class="author">${t.you}</span></p>
                <p class="text">${p.text}</p>
                ${p.error
                  ? html`<p class="state" role="alert">${t.notSent} ${errorText(this.t, p.error)}</p>
                      <div class="actions">
                        <button class="button small" type="button" @click=${() => this.#fire('retry-message', p.clientMsgId)}>${t.retry}</button>
                        <button class="button small quiet" type="button" @click=${() => this.#fire('discard-message', p.clientMsgId)}>${t.discard}</button>
                      </div>`
                  : html`<p class="state">${t.sending}</p>`}
              </li>
            `,
          )}
        </ol>
      </div>
    `;
  }

  #author(m: ChatMessage): string {
    const t = this.t.conversation;
    switch (m.author.kind) {
      case 'visitor':
        return this.visitorName || t.visitor;
      case 'user':
        return m.author.id && m.author.id === this.meId ? t.you : m.author.name || t.colleague;
      case 'bot':
        return m.author.name || t.bot;
      default:
        return '';
    }
  }

  /** The seq of the last message from the business that the visitor has read, if any. */
  #seenMessageSeq(): number {
    for (let i = this.messages.length - 1; i >= 0; i -= 1) {
      const m = this.messages[i]!;
      if (m.author.kind !== 'visitor' && m.author.kind !== 'system' && m.seq <= this.seenSeq) return m.seq;
    }
    return -1;
  }

  #fire(type: 'retry-message' | 'discard-message', clientMsgId: string): void {
    this.dispatchEvent(new CustomEvent(type, { detail: clientMsgId, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'message-list': MessageList;
  }
}
