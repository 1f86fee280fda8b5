import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage } from '@interact/sdk';
import type { CodedError } from '../api/http.js';
import type { InboxStore } from '../inbox/inbox-store.js';

/** What the controller needs from its element. */
export interface ConversationHost extends ReactiveControllerHost {
  inbox?: InboxStore | undefined;
  conversationId?: string | undefined;
}

/** A message of this user's that the hub has not acknowledged (yet, or at all: `error`). */
export interface PendingMessage {
  clientMsgId: string;
  text: string;
  error: CodedError | null;
}

/** Quiet time before "is typing" is sent again while the user keeps typing (the hub's visitors stop showing it after a while). */
const TYPING_REPEAT_MS = 2500;
/** A visitor's typing indicator fades if no "stopped" frame arrives (a closed tab sends none). */
const VISITOR_TYPING_TIMEOUT_MS = 8000;

function newClientMsgId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `p${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}

/**
 * One conversation, live: its messages (history first, then as they arrive), the visitor's typing,
 * this user's typing and read marks, and sending with the hub's acknowledgement. Bound to the
 * host's `inbox` and `conversationId` for as long as the element is in the page.
 */
export class ConversationController implements ReactiveController {
  readonly #host: ConversationHost;
  #inbox: InboxStore | undefined;
  #id: string | undefined;
  #stops: Array<() => void> = [];
  #visitorTypingTimer: ReturnType<typeof setTimeout> | undefined;
  #lastTypingAt = 0;
  #markedSeq = 0;

  /** Stored messages, ordered by seq, without duplicates. */
  messages: ChatMessage[] = [];
  pending: PendingMessage[] = [];
  visitorTyping = false;
  loading = false;
  /** Why the messages could not be loaded. */
  error: CodedError | null = null;

  constructor(host: ConversationHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#bind();
    document.addEventListener('visibilitychange', this.#markReadIfSeen);
  }

  hostDisconnected(): void {
    this.#unbind();
    document.removeEventListener('visibilitychange', this.#markReadIfSeen);
  }

  hostUpdate(): void {
    if (this.#host.inbox !== this.#inbox || this.#host.conversationId !== this.#id) this.#bind();
  }

  hostUpdated(): void {
    this.#markReadIfSeen();
  }

  get lastSeq(): number {
    return this.messages.at(-1)?.seq ?? 0;
  }

  /** Sends a message; false when there is nothing to send or the hub refused it (then `pending` holds the error). */
  async send(text: string, clientMsgId = newClientMsgId()): Promise<boolean> {
    const inbox = this.#inbox;
    const id = this.#id;
    if (!inbox || !id || text.trim() === '') return false;
    this.pending = [...this.pending.filter((p) => p.clientMsgId !== clientMsgId), { clientMsgId, text, error: null }];
    this.#stopTyping();
    this.#host.requestUpdate();
    try {
      const ack = await inbox.client.send(id, text, clientMsgId);
      this.pending = this.pending.filter((p) => p.clientMsgId !== clientMsgId);
      this.#add({
        id: ack.id,
        conversationId: ack.conversationId,
        seq: ack.seq,
        author: { kind: 'user', id: inbox.me.id, name: inbox.me.firstName },
        text,
        clientMsgId,
        createdAt: ack.createdAt,
      });
      return true;
    } catch (error) {
      const coded = error as Partial<CodedError>;
      this.pending = this.pending.map((p) =>
        p.clientMsgId === clientMsgId ? { ...p, error: { code: coded.code ?? 'internal', message: coded.message ?? String(error) } } : p,
      );
      this.#host.requestUpdate();
      return false;
    }
  }

  /** Sends a refused message again under the same id: the hub stores it at most once. */
  retry(clientMsgId: string): Promise<boolean> {
    const pending = this.pending.find((p) => p.clientMsgId === clientMsgId);
    return pending ? this.send(pending.text, clientMsgId) : Promise.resolve(false);
  }

  discard(clientMsgId: string): void {
    this.pending = this.pending.filter((p) => p.clientMsgId !== clientMsgId);
    this.#host.requestUpdate();
  }

  /** Called on each keystroke in the composer; tells the visitor at most every few seconds. */
  typed(hasText: boolean): void {
    const inbox = this.#inbox;
    if (!inbox || !this.#id) return;
    if (!hasText) {
      this.#stopTyping();
      return;
    }
    const now = Date.now();
    if (now - this.#lastTypingAt > TYPING_REPEAT_MS) {
      this.#lastTypingAt = now;
      inbox.client.typing(this.#id, true);
    }
  }

  #stopTyping(): void {
    if (this.#lastTypingAt && this.#inbox && this.#id) this.#inbox.client.typing(this.#id, false);
    this.#lastTypingAt = 0;
  }

  #bind(): void {
    this.#unbind();
    this.#inbox = this.#host.inbox;
    this.#id = this.#host.conversationId;
    this.messages = [];
    this.pending = [];
    this.visitorTyping = false;
    this.error = null;
    this.#markedSeq = 0;
    const inbox = this.#inbox;
    const id = this.#id;
    if (!inbox || !id) return;
    const client = inbox.client;
    this.#stops = [
      client.on('message', (message) => {
        if (message.conversationId !== id) return;
        if (message.author.kind === 'visitor') this.#setVisitorTyping(false);
        this.#add(message);
      }),
      client.on('typing', (frame) => {
        if (frame.conversationId === id && frame.author.kind === 'visitor') this.#setVisitorTyping(frame.typing);
      }),
      // After a reconnect the hub sends a new welcome: ask for what was missed meanwhile.
      client.on('welcome', () => void this.#load()),
    ];
    void this.#load();
  }

  #unbind(): void {
    this.#stopTyping();
    for (const stop of this.#stops) stop();
    this.#stops = [];
    clearTimeout(this.#visitorTypingTimer);
  }

  async #load(): Promise<void> {
    const inbox = this.#inbox;
    const id = this.#id;
    if (!inbox || !id) return;
    this.loading = true;
    this.#host.requestUpdate();
    try {
      await inbox.client.history(id, this.lastSeq);
      this.error = null;
    } catch (error) {
      if (inbox !== this.#inbox || id !== this.#id) return;
      const coded = error as Partial<CodedError>;
      this.error = { code: coded.code ?? 'internal', message: coded.message ?? String(error) };
    } finally {
      if (inbox === this.#inbox && id === this.#id) {
        this.loading = false;
        this.#host.requestUpdate();
      }
    }
  }

  #add(message: ChatMessage): void {
    const list = this.messages;
    if (list.some((m) => m.seq === message.seq)) return;
    const next = [...list, message];
    if (list.length && list.at(-1)!.seq > message.seq) next.sort((a, b) => a.seq - b.seq);
    this.messages = next;
    this.#host.requestUpdate();
  }

  #setVisitorTyping(typing: boolean): void {
    clearTimeout(this.#visitorTypingTimer);
    if (typing) this.#visitorTypingTimer = setTimeout(() => this.#setVisitorTyping(false), VISITOR_TYPING_TIMEOUT_MS);
    if (this.visitorTyping === typing) return;
    this.visitorTyping = typing;
    this.#host.requestUpdate();
  }

  /** Marks what the assignee has on screen as read, so the visitor sees "seen". */
  readonly #markReadIfSeen = (): void => {
    const inbox = this.#inbox;
    const id = this.#id;
    const seq = this.lastSeq;
    if (!inbox || !id || seq <= this.#markedSeq || document.visibilityState === 'hidden' || !inbox.isMine(id)) return;
    this.#markedSeq = seq;
    inbox.client.markRead(id, seq);
  };
}
