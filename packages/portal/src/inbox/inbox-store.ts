import type { ConnectionStatus, ConversationSummary } from '@interact/sdk';
import type { User } from '../api/types.js';
import { errorText } from '../i18n/error-text.js';
import { format } from '../i18n/strings.js';
import { Store } from '../state/store.js';
import type { InboxClient } from './inbox-client.js';
import { notice, type Notice } from './notice.js';

export type RemovalReason = 'taken' | 'closed' | 'transferred';

export interface InboxState {
  connection: ConnectionStatus | 'refused';
  /** Every open conversation this user may see, by id: the queue, their own, all for supervisors. */
  conversations: ReadonlyMap<string, ConversationSummary>;
  /** Conversations that left this inbox while open, and why: the conversation view says so. */
  removed: ReadonlyMap<string, RemovalReason>;
  /** Counts welcomes: a new welcome replaces the whole list (after a reconnect), it brings nothing new. */
  generation: number;
  notice: Notice | null;
}

type Me = Pick<User, 'id' | 'firstName'>;

/** Confirmations fade after a while; errors stay until dismissed or replaced. */
const INFO_NOTICE_MS = 8000;

const byQueuedAt = (a: ConversationSummary, b: ConversationSummary) => (a.queuedAt ?? a.createdAt).localeCompare(b.queuedAt ?? b.createdAt);
const byLastActivity = (a: ConversationSummary, b: ConversationSummary) =>
  (b.lastMessage?.createdAt ?? b.createdAt).localeCompare(a.lastMessage?.createdAt ?? a.createdAt);

/**
 * The live inbox over the staff socket: keeps the conversation list current from the hub's frames
 * and turns the requests (take, close, transfer) into results and notices. Conversation contents
 * are not kept here; the conversation view asks for them (conversation-controller.ts).
 */
export class InboxStore extends Store<InboxState> {
  readonly client: InboxClient;
  readonly me: Me;
  #stops: Array<() => void> = [];
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(client: InboxClient, me: Me) {
    super({ connection: 'idle', conversations: new Map(), removed: new Map(), generation: 0, notice: null });
    this.client = client;
    this.me = me;
  }

  start(): void {
    if (this.#stops.length) return;
    const c = this.client;
    this.#stops = [
      c.on('welcome', (welcome) => {
        this.#patch({
          conversations: new Map(welcome.conversations.map((s) => [s.id, s])),
          generation: this.value.generation + 1,
        });
      }),
      c.on('conversation', (summary) => this.#put(summary)),
      c.on('conversation-removed', ({ conversationId, reason }) => this.#remove(conversationId, reason as RemovalReason)),
      c.on('visitor-presence', ({ conversationId, online }) =>
        this.#edit(conversationId, (s) => ({ ...s, visitor: { ...s.visitor, online } })),
      ),
      c.on('read', (frame) => {
        if (frame.by === 'visitor') this.#edit(frame.conversationId, (s) => ({ ...s, visitorReadSeq: Math.max(s.visitorReadSeq, frame.seq) }));
      }),
      c.on('status', (connection) => this.#patch({ connection })),
      c.on('error', (frame) => this.notify('error', (t) => errorText(t, frame))),
    ];
    c.connect().catch((error: { code: string; message: string }) => {
      this.#patch({ connection: 'refused' });
      this.notify('error', (t) => errorText(t, error));
    });
  }

  stop(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    clearTimeout(this.#noticeTimer);
    this.client.disconnect();
  }

  get(id: string): ConversationSummary | undefined {
    return this.value.conversations.get(id);
  }

  /** Waiting for someone, longest waiting first. */
  queue(): ConversationSummary[] {
    return [...this.value.conversations.values()].filter((s) => s.state === 'queued').sort(byQueuedAt);
  }

  /** Assigned to this user, most recently active first. */
  mine(): ConversationSummary[] {
    return [...this.value.conversations.values()].filter((s) => s.state === 'assigned' && s.assignee?.id === this.me.id).sort(byLastActivity);
  }

  /** Every open conversation the hub shows this user (all of the account's for supervisors). */
  allOpen(): ConversationSummary[] {
    return [...this.value.conversations.values()].sort(byLastActivity);
  }

  isMine(id: string): boolean {
    const s = this.get(id);
    return s?.state === 'assigned' && s.assignee?.id === this.me.id;
  }

  /** Takes a waiting conversation; false (and a notice) when someone was faster or it is gone. */
  async take(id: string): Promise<boolean> {
    try {
      await this.client.take(id);
      return true;
    } catch (error) {
      this.#failed(error);
      return false;
    }
  }

  async close(id: string): Promise<boolean> {
    try {
      await this.client.close(id);
      this.notify('info', (t) => t.inbox.closedNotice);
      return true;
    } catch (error) {
      this.#failed(error);
      return false;
    }
  }

  async transfer(id: string, to: { id: string; name: string }): Promise<boolean> {
    try {
      await this.client.assign(id, to.id);
      this.notify('info', (t) => format(t.transfer.done, { name: to.name }));
      return true;
    } catch (error) {
      this.#failed(error);
      return false;
    }
  }

  notify(tone: Notice['tone'], text: Notice['text']): void {
    const next = notice(tone, text);
    clearTimeout(this.#noticeTimer);
    if (tone === 'info') this.#noticeTimer = setTimeout(() => this.value.notice === next && this.dismissNotice(), INFO_NOTICE_MS);
    this.#patch({ notice: next });
  }

  dismissNotice(): void {
    this.#patch({ notice: null });
  }

  #failed(error: unknown): void {
    const coded = error as { code?: unknown; message?: unknown };
    const code = typeof coded.code === 'string' ? coded.code : 'internal';
    const message = typeof coded.message === 'string' ? coded.message : String(error);
    this.notify('error', (t) => errorText(t, { code, message }));
  }

  #put(summary: ConversationSummary): void {
    const conversations = new Map(this.value.conversations).set(summary.id, summary);
    this.#patch({ conversations });
  }

  #remove(id: string, reason: RemovalReason): void {
    if (!this.value.conversations.has(id)) return;
    const conversations = new Map(this.value.conversations);
    conversations.delete(id);
    this.#patch({ conversations, removed: new Map(this.value.removed).set(id, reason) });
  }

  #edit(id: string, change: (s: ConversationSummary) => ConversationSummary): void {
    const current = this.value.conversations.get(id);
    if (current) this.#put(change(current));
  }

  #patch(partial: Partial<InboxState>): void {
    this.set({ ...this.value, ...partial });
  }
}
