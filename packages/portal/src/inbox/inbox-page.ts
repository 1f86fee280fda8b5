import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Api } from '../api/index.js';
import type { Router } from '../state/router.js';
import { PortalElement } from '../ui/portal-element.js';
import type { InboxStore } from './inbox-store.js';
import '../conversation/conversation-view.js';
import '../visitor/visitor-panel.js';
import './conversation-list.js';

export type InboxSection = 'queue' | 'mine' | 'all';

/** How often waiting times in the queue move on. */
const TICK_MS = 5000;

/**
 * The inbox: the queue, one's own conversations and (supervisors) all open ones as tabs, the
 * selected conversation, and the visitor's profile beside it. Everything is live over the inbox store.
 */
@customElement('inbox-page')
export class InboxPage extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        min-height: 0;
      }
      .columns {
        flex: 1;
        display: grid;
        grid-template-columns: minmax(260px, 320px) minmax(0, 1fr) minmax(260px, 340px);
        gap: 16px;
        min-height: 0;
      }
      .list,
      .conversation {
        display: flex;
        flex-direction: column;
        min-height: 0;
        padding: 0;
        overflow: hidden;
      }
      .conversation {
        min-height: 480px;
      }
      [role='tablist'] {
        display: flex;
        overflow-x: auto;
        border-bottom: 1px solid var(--border, #e5e7eb);
      }
      [role='tab'] {
        flex: 1 0 auto;
        display: inline-flex;
        gap: 6px;
        align-items: center;
        justify-content: center;
        padding: 12px 6px;
        font-size: 0.92rem;
        white-space: nowrap;
        border: 0;
        border-bottom: 3px solid transparent;
        background: none;
        cursor: pointer;
        font-weight: 500;
      }
      [role='tab'][aria-selected='true'] {
        border-bottom-color: var(--accent, #2563eb);
        color: var(--accent-text, #1e3a8a);
      }
      [role='tabpanel'] {
        flex: 1;
        overflow-y: auto;
      }
      .notices p {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
        margin: 0 0 12px;
        padding: 6px 8px 6px 12px;
      }
      .placeholder {
        display: grid;
        place-items: center;
        height: 100%;
        padding: 24px;
        text-align: center;
      }
      visitor-panel {
        overflow-y: auto;
        min-height: 0;
      }
      .back {
        display: none;
      }
      @media (max-width: 1100px) {
        .columns {
          grid-template-columns: minmax(240px, 300px) minmax(0, 1fr);
        }
        visitor-panel {
          grid-column: 2;
        }
      }
      @media (max-width: 860px) {
        :host {
          height: auto;
        }
        .columns {
          grid-template-columns: minmax(0, 1fr);
        }
        visitor-panel {
          grid-column: 1;
        }
        :host([has-conversation]) .list {
          display: none;
        }
        :host(:not([has-conversation])) .conversation {
          display: none;
        }
        .back {
          display: inline-flex;
          margin: 8px 16px 0;
          align-self: flex-start;
        }
      }
    `,
  ];

  @property({ attribute: false }) inbox?: InboxStore | null;
  @property({ attribute: false }) api?: Api;
  @property({ attribute: false }) router?: Router;
  @property({ attribute: false }) conversationId: string | null = null;
  /** Supervisors and administrators also see every open conversation. */
  @property({ type: Boolean }) canSeeAll = false;

  @state() private section: InboxSection = 'queue';
  @state() private now = Date.now();
  #timer: ReturnType<typeof setInterval> | undefined;

  protected override watchedStores() {
    return [this.inbox];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => (this.now = Date.now()), TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  protected override willUpdate(): void {
    this.toggleAttribute('has-conversation', !!this.conversationId);
    if (this.section === 'all' && !this.canSeeAll) this.section = 'queue';
  }

  override render() {
    const inbox = this.inbox;
    const t = this.t.inbox;
    if (!inbox) return html`<p class="card">${this.t.common.loading}</p>`;
    const sections: Array<{ id: InboxSection; label: string; count: number }> = [
      { id: 'queue', label: t.queue, count: inbox.queue().length },
      { id: 'mine', label: t.mine, count: inbox.mine().length },
      ...(this.canSeeAll ? [{ id: 'all' as const, label: t.all, count: inbox.allOpen().length }] : []),
    ];
    const current = this.conversationId ? inbox.get(this.conversationId) : undefined;
    const notice = inbox.value.notice;
    return html`
      <div class="notices">
        <p class=${notice?.tone === 'error' ? 'alert' : 'success'} role=${notice?.tone === 'error' ? 'alert' : 'status'}>${notice ? html`<span>${notice.text(this.t)}</span>` : nothing}${notice
            ? html`<button class="button small quiet" type="button" @click=${() => inbox.dismissNotice()}>${this.t.common.dismiss}</button>`
            : nothing}</p>
      </div>
      <div class="columns">
      <section class="card list" aria-labelledby="inbox-title">
        <h1 id="inbox-title" class="visually-hidden">${t.title}</h1>
        <div role="tablist" aria-label=${t.sections} @keydown=${this.#tabKeys}>
          ${sections.map(
            (s) => html`<button
              role="tab"
              id="tab-${s.id}"
              aria-selected=${this.section === s.id ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${this.section === s.id ? 0 : -1}
              @click=${() => (this.section = s.id)}
            >
              ${s.label} <span class="badge">${s.count}</span>
            </button>`,
          )}
        </div>
        <div role="tabpanel" id="panel" aria-labelledby="tab-${this.section}">
          <conversation-list
            .locale=${this.locale}
            .conversations=${this.section === 'queue' ? inbox.queue() : this.section === 'mine' ? inbox.mine() : inbox.allOpen()}
            .currentId=${this.conversationId}
            .now=${this.now}
            ?queue=${this.section === 'queue'}
            ?showAssignee=${this.section === 'all'}
            emptyText=${this.section === 'queue' ? t.emptyQueue : this.section === 'mine' ? t.emptyMine : t.emptyAll}
            @take-conversation=${(e: CustomEvent<string>) => void this.#take(e.detail)}
          ></conversation-list>
        </div>
      </section>
      <div class="card conversation">
        ${this.conversationId
          ? html`<a class="button small back" href="/portal/inbox">${t.back}</a>
              <conversation-view
                .locale=${this.locale}
                .inbox=${inbox}
                .api=${this.api}
                .router=${this.router}
                .conversationId=${this.conversationId}
                ?canActOnAll=${this.canSeeAll}
              ></conversation-view>`
          : html`<p class="placeholder muted">${t.choose}</p>`}
      </div>
      ${current
        ? html`<visitor-panel .locale=${this.locale} .api=${this.api} .visitorId=${current.visitor.id} .conversationId=${current.id}></visitor-panel>`
        : nothing}
      </div>
    `;
  }

  async #take(id: string): Promise<void> {
    const inbox = this.inbox;
    if (!inbox) return;
    if (await inbox.take(id)) {
      this.section = 'mine';
      this.router?.go({ name: 'inbox', conversationId: id });
    }
  }

  /** Arrow keys, Home and End move between the tabs (the WAI-ARIA tabs pattern). */
  #tabKeys(event: KeyboardEvent): void {
    const tabs = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const index = tabs.findIndex((tab) => tab.getAttribute('aria-selected') === 'true');
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length]!;
    tab.click();
    tab.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inbox-page': InboxPage;
  }
}
