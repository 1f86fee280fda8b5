import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ConversationSummary } from '@interact/sdk';
import { format } from '../i18n/strings.js';
import { routePath } from '../state/router.js';
import { PortalElement } from '../ui/portal-element.js';
import { timeOf, waitingTime } from '../ui/time.js';

/**
 * A list of conversations in the inbox: visitor, channel, last message, and for the queue how long
 * they have been waiting and a Take button. Each entry links to the conversation.
 *
 * @fires take-conversation - `detail: conversationId`: the Take button was pressed.
 */
@customElement('conversation-list')
export class ConversationList extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 4px 8px 4px 0;
        border-bottom: 1px solid var(--border, #e5e7eb);
      }
      li.current {
        background: var(--accent-soft, #dbeafe);
      }
      a {
        flex: 1;
        min-width: 0;
        display: block;
        padding: 8px 12px;
        color: inherit;
        text-decoration: none;
      }
      a:hover .name {
        text-decoration: underline;
      }
      .top {
        display: flex;
        gap: 6px;
        align-items: center;
      }
      .name {
        flex: 1;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        font-weight: 600;
      }
      .when {
        color: var(--muted, #475569);
        font-size: 0.8rem;
        white-space: nowrap;
      }
      .line {
        display: block;
        margin: 2px 0 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        color: var(--muted, #475569);
        font-size: 0.85rem;
      }
      .empty {
        padding: 16px 12px;
      }
    `,
  ];

  @property({ attribute: false }) conversations: readonly ConversationSummary[] = [];
  @property({ attribute: false }) currentId: string | null = null;
  /** Show the waiting time and a Take button (the queue). */
  @property({ type: Boolean }) queue = false;
  /** Show who each conversation is assigned to (the list of all open conversations). */
  @property({ type: Boolean }) showAssignee = false;
  @property() emptyText = '';
  /** Refreshed by the page every few seconds so waiting times move. */
  @property({ type: Number }) now = Date.now();

  override render() {
    if (this.conversations.length === 0) return html`<p class="empty muted">${this.emptyText}</p>`;
    return html`<ul>${this.conversations.map((c) => this.#item(c))}</ul>`;
  }

  #item(c: ConversationSummary) {
    const t = this.t.inbox;
    const current = c.id === this.currentId;
    const name = c.visitor.name || t.anonymous;
    const when = this.queue && c.queuedAt ? format(t.waiting, { time: waitingTime(this.t, c.queuedAt, this.now) }) : c.lastMessage ? timeOf(c.lastMessage.createdAt, this.language) : '';
    return html`<li class=${current ? 'current' : ''}>
      <a href=${routePath({ name: 'inbox', conversationId: c.id })} aria-current=${current ? 'page' : 'false'}>
        <span class="top">
          <span class="dot ${c.visitor.online ? 'online' : ''}" aria-hidden="true"></span>
          <span class="name">${name}</span>
          <span class="when">${when}</span>
        </span>
        <span class="line">${c.channel.name}${c.assignee && this.showAssignee ? html` · ${c.assignee.name}` : nothing}</span>
        ${c.lastMessage ? html`<span class="line">${c.lastMessage.text}</span>` : nothing}
      </a>
      ${this.queue
        ? html`<button class="button small primary" type="button" @click=${() => this.#take(c.id)}>
            ${t.take}<span class="visually-hidden"> ${name}</span>
          </button>`
        : nothing}
    </li>`;
  }

  #take(id: string): void {
    this.dispatchEvent(new CustomEvent('take-conversation', { detail: id, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'conversation-list': ConversationList;
  }
}
