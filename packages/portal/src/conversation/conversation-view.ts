import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LIMITS, type ConversationSummary } from '@interact/sdk';
import type { Api } from '../api/index.js';
import { errorText } from '../i18n/error-text.js';
import { format } from '../i18n/strings.js';
import type { InboxStore } from '../inbox/inbox-store.js';
import type { Router } from '../state/router.js';
import type { ConfirmDialog } from '../ui/confirm-dialog.js';
import { PortalElement } from '../ui/portal-element.js';
import { ConversationController } from './conversation-controller.js';
import type { TransferDialog, TransferTarget } from './transfer-dialog.js';
import '../ui/confirm-dialog.js';
import './message-list.js';
import './transfer-dialog.js';

/**
 * One live conversation: who the visitor is and whether they are connected, the messages, the
 * visitor's typing, "seen", and a composer (Enter sends, Shift+Enter adds a line); Take, Transfer
 * and Close as this user may.
 */
@customElement('conversation-view')
export class ConversationView extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      :host {
        display: block;
        min-height: 0;
        height: 100%;
      }
      section {
        display: flex;
        flex-direction: column;
        height: 100%;
        min-height: 0;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: flex-start;
        justify-content: space-between;
        padding: 14px 16px;
        border-bottom: 1px solid var(--border, #e5e7eb);
      }
      .head h2 {
        margin: 0 0 2px;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
        margin: 0;
        color: var(--muted, #475569);
        font-size: 0.875rem;
      }
      message-list {
        flex: 1;
        min-height: 120px;
      }
      .typing {
        min-height: 1.4em;
        margin: 0;
        padding: 0 16px;
        color: var(--muted, #475569);
        font-size: 0.85rem;
      }
      .banner {
        margin: 12px 16px 0;
      }
      form {
        display: flex;
        gap: 8px;
        align-items: flex-end;
        padding: 10px 16px 14px;
        border-top: 1px solid var(--border, #e5e7eb);
      }
      .compose {
        flex: 1;
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      textarea {
        min-height: 44px;
        max-height: 180px;
        resize: vertical;
      }
    `,
  ];

  @property({ attribute: false }) inbox?: InboxStore;
  @property({ attribute: false }) api?: Api;
  @property({ attribute: false }) router?: Router;
  @property({ attribute: false }) conversationId?: string;
  /** The user may act on every open conversation (supervisors, administrators). */
  @property({ type: Boolean }) canActOnAll = false;

  @state() private busy = false;
  @query('textarea') private composer?: HTMLTextAreaElement;
  @query('transfer-dialog') private transferDialog!: TransferDialog;
  @query('confirm-dialog') private confirmDialog!: ConfirmDialog;

  readonly #conversation = new ConversationController(this);

  protected override watchedStores() {
    return [this.inbox];
  }

  override render() {
    const inbox = this.inbox;
    const id = this.conversationId;
    if (!inbox || !id) return nothing;
    const t = this.t.conversation;
    const summary = inbox.get(id);
    const removed = inbox.value.removed.get(id);
    const live = this.#conversation;
    const visitorName = summary?.visitor.name ?? '';
    const writable = !!summary && (summary.state === 'queued' || inbox.isMine(id) || this.canActOnAll);
    return html`
      <section aria-labelledby="conversation-title">
        <div class="head">
          <div>
            <h2 id="conversation-title">${visitorName || t.anonymous}</h2>
            ${summary ? this.#meta(summary) : nothing}
          </div>
          ${summary ? this.#actions(summary) : nothing}
        </div>
      ${removed && !summary ? html`<p class="alert banner" role="alert">${t.removed[removed]}</p>` : nothing}
      ${!summary && !removed && inbox.value.generation > 0 ? html`<p class="alert banner" role="alert">${t.notFound}</p>` : nothing}
      ${live.error ? html`<p class="alert banner" role="alert">${errorText(this.t, live.error)}</p>` : nothing}
      <message-list
        .locale=${this.locale}
        .messages=${live.messages}
        .pending=${live.pending}
        .meId=${inbox.me.id}
        .visitorName=${visitorName}
        .seenSeq=${summary?.visitorReadSeq ?? 0}
        aria-busy=${live.loading ? 'true' : 'false'}
        @retry-message=${(e: CustomEvent<string>) => void live.retry(e.detail)}
        @discard-message=${(e: CustomEvent<string>) => live.discard(e.detail)}
      ></message-list>
      <p class="typing" aria-live="polite">${live.visitorTyping ? format(t.typing, { name: visitorName || t.visitor }) : nothing}</p>
      ${writable
        ? html`<form @submit=${this.#submit}>
            <div class="compose">
              <label for="composer" class="visually-hidden">${t.composerLabel}</label>
              <textarea
                id="composer"
                rows="2"
                maxlength=${LIMITS.messageLength}
                placeholder=${t.placeholder}
                aria-describedby="composer-hint"
                @keydown=${this.#keydown}
                @input=${this.#input}
              ></textarea>
              <p id="composer-hint" class="hint">${t.composerHint}</p>
            </div>
            <button class="button primary" type="submit">${t.send}</button>
          </form>`
        : nothing}
      <transfer-dialog .locale=${this.locale} .api=${this.api} .meId=${inbox.me.id} @transfer-chosen=${this.#transfer}></transfer-dialog>
      </section>
      <confirm-dialog .locale=${this.locale}></confirm-dialog>
    `;
  }

  #meta(s: ConversationSummary) {
    const t = this.t.conversation;
    const assignee = !s.assignee ? null : s.assignee.id === this.inbox?.me.id ? t.assignedToYou : format(t.assignedTo, { name: s.assignee.name });
    return html`<p class="meta">
      <span class="dot ${s.visitor.online ? 'online' : ''}" aria-hidden="true"></span>
      <span class="presence">${s.visitor.online ? t.visitorOnline : t.visitorOffline}</span>
      <span aria-hidden="true">·</span>
      <span>${s.channel.name}</span>
      <span aria-hidden="true">·</span>
      <span>${assignee ?? this.t.states[s.state]}</span>
    </p>`;
  }

  #actions(s: ConversationSummary) {
    const t = this.t.conversation;
    const inbox = this.inbox!;
    const mayAct = inbox.isMine(s.id) || this.canActOnAll;
    return html`<div class="actions">
      ${s.state === 'queued' ? html`<button class="button primary" type="button" ?disabled=${this.busy} @click=${this.#take}>${this.t.inbox.take}</button>` : nothing}
      ${mayAct
        ? html`<button class="button" type="button" ?disabled=${this.busy} @click=${() => void this.transferDialog.show()}>${t.transfer}</button>
            <button class="button" type="button" ?disabled=${this.busy} @click=${this.#close}>${t.close}</button>`
        : nothing}
    </div>`;
  }

  #keydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void this.#sendComposer();
  }

  #input(): void {
    this.#conversation.typed((this.composer?.value ?? '').trim() !== '');
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    void this.#sendComposer();
  }

  async #sendComposer(): Promise<void> {
    const composer = this.composer;
    if (!composer || composer.value.trim() === '') return;
    const text = composer.value;
    composer.value = '';
    await this.#conversation.send(text);
    composer.focus();
  }

  async #take(): Promise<void> {
    const id = this.conversationId;
    if (!id || !this.inbox) return;
    this.busy = true;
    await this.inbox.take(id);
    this.busy = false;
  }

  async #close(): Promise<void> {
    const id = this.conversationId;
    if (!id || !this.inbox) return;
    const t = this.t.conversation;
    const yes = await this.confirmDialog.ask({ title: t.closeTitle, message: t.closeMessage, confirmLabel: t.close });
    if (!yes) return;
    this.busy = true;
    const closed = await this.inbox.close(id);
    this.busy = false;
    if (closed) this.router?.go({ name: 'inbox', conversationId: null });
  }

  async #transfer(event: CustomEvent<TransferTarget>): Promise<void> {
    const id = this.conversationId;
    if (!id || !this.inbox) return;
    this.busy = true;
    const done = await this.inbox.transfer(id, event.detail);
    this.busy = false;
    if (done && !this.canActOnAll) this.router?.go({ name: 'inbox', conversationId: null });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'conversation-view': ConversationView;
  }
}
