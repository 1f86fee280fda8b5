import { LIMITS } from '../protocol/messages.js';
import type { Author, ChatMessage } from '../protocol/messages.js';
import type { ProtocolErrorCode } from '../protocol/errors.js';
import { parseVisitorServerFrame } from '../protocol/guards.js';
import type {
  Availability,
  ChannelAppearance,
  ConversationInfo,
  VisitorClientFrame,
  VisitorInfo,
  VisitorProfile,
  VisitorServerFrame,
} from '../protocol/visitor-frames.js';
import { Connection, type ConnectionStatus } from './connection.js';
import { Emitter } from './emitter.js';
import { checkClientOptions, DEFAULT_CLIENT_OPTIONS, visitorSocketUrl, type VisitorClientOptions } from './options.js';
import { Outbox, type PendingMessage } from './outbox.js';
import { browserStorage, readPersisted, type KeyValueStorage, type PersistedVisitor } from './storage.js';

/** A message as the client shows it: stored ones have a seq; the visitor's own may still be sending. */
export type ClientMessage =
  | (ChatMessage & { status: 'sent' })
  | { status: 'sending'; clientMsgId: string; text: string; createdAt: string; author: Author };

export interface VisitorState {
  connection: ConnectionStatus;
  channel: ChannelAppearance | null;
  availability: Availability | null;
  visitor: VisitorInfo | null;
  conversation: ConversationInfo | null;
  messages: readonly ClientMessage[];
  /** Messages from staff or the bot the visitor has not seen. */
  unread: number;
  /** Who is typing on the business's side, if anyone. */
  typing: Author | null;
}

export interface ClientError {
  code: ProtocolErrorCode | 'channel_refused';
  message: string;
}

export interface VisitorClientEvents {
  /** Anything in the state changed. */
  state: VisitorState;
  /** The hub welcomed the client (after each (re)connect). */
  ready: VisitorState;
  /** A message from the business (staff, bot, system) arrived. */
  message: ChatMessage;
  'unread-count-change': number;
  error: ClientError;
}

/** The state before the hub has said anything; also what UIs show before they have a client. */
export const EMPTY_VISITOR_STATE: VisitorState = Object.freeze({
  connection: 'idle',
  channel: null,
  availability: null,
  visitor: null,
  conversation: null,
  messages: [],
  unread: 0,
  typing: null,
});

/**
 * The headless visitor client: one socket to the hub, the conversation's messages in order, an
 * outbox of unacknowledged messages resent after any reconnect, and typed events. UIs (the widget,
 * or a site's own) render its state.
 *
 * Nothing is written to storage until `persist()` is called (the chat was opened) or the visitor
 * writes or identifies.
 */
export class VisitorClient {
  readonly #events = new Emitter<VisitorClientEvents>();
  readonly #connection: Connection;
  readonly #storage: KeyValueStorage;
  readonly #storageKey: string;
  #persisted: PersistedVisitor;
  #persistAllowed = false;
  #outbox: Outbox;
  #state: VisitorState = EMPTY_VISITOR_STATE;
  #locale: string | undefined;
  #typingTimer: ReturnType<typeof setTimeout> | null = null;
  #identity: VisitorClientFrame | null = null;

  constructor(options: VisitorClientOptions) {
    checkClientOptions(options);
    const WebSocketImpl = options.WebSocket ?? (globalThis.WebSocket as VisitorClientOptions['WebSocket']);
    if (!WebSocketImpl) throw new TypeError('Interact: no WebSocket here; pass options.WebSocket (e.g. from the "ws" package)');
    this.#storage = options.storage ?? browserStorage();
    this.#storageKey = `interact:${options.channelKey}`;
    this.#persisted = readPersisted(this.#storage, this.#storageKey);
    // Someone who stored data before has already agreed to it.
    this.#persistAllowed = Object.keys(this.#persisted).length > 0;
    this.#outbox = new Outbox(this.#persisted.outbox ?? []);
    this.#locale = options.locale;
    this.#state = { ...EMPTY_VISITOR_STATE, messages: this.#outbox.all().map(pendingView) };
    this.#connection = new Connection(
      visitorSocketUrl(options.hubUrl, options.channelKey),
      WebSocketImpl,
      {
        onOpen: () => this.#hello(),
        onData: (data) => this.#receive(data),
        onStatus: (connection) => this.#update({ connection }),
        onFatal: () =>
          this.#events.emit('error', { code: 'channel_refused', message: 'The hub refused this site for this chat channel.' }),
      },
      {
        initialMs: options.reconnectInitialMs ?? DEFAULT_CLIENT_OPTIONS.reconnectInitialMs,
        maxMs: options.reconnectMaxMs ?? DEFAULT_CLIENT_OPTIONS.reconnectMaxMs,
      },
    );
  }

  get state(): VisitorState {
    return this.#state;
  }

  on<K extends keyof VisitorClientEvents>(event: K, handler: (payload: VisitorClientEvents[K]) => void): () => void {
    return this.#events.on(event, handler);
  }

  off<K extends keyof VisitorClientEvents>(event: K, handler: (payload: VisitorClientEvents[K]) => void): void {
    this.#events.off(event, handler);
  }

  connect(): void {
    this.#connection.open();
  }

  disconnect(): void {
    this.#connection.close();
  }

  /** Allows the client to keep the visitor's token and unsent messages in storage. */
  persist(): void {
    if (this.#persistAllowed) return;
    this.#persistAllowed = true;
    this.#save();
  }

  /** Sends a message; it shows at once as "sending" and is resent until the hub acknowledges it. */
  send(text: string): PendingMessage {
    if (typeof text !== 'string' || text.trim() === '') throw new TypeError('Interact: a message needs some text');
    if ([...text].length > LIMITS.messageLength) {
      throw new RangeError(`Interact: messages are limited to ${LIMITS.messageLength} characters`);
    }
    this.persist();
    const pending = this.#outbox.add(text);
    this.#save();
    this.#update({ messages: [...this.#state.messages, pendingView(pending)] });
    this.#sendFrame({ type: 'send', clientMsgId: pending.clientMsgId, text });
    return pending;
  }

  /** Tells the business the visitor is typing; stops by itself after a few quiet seconds. */
  typing(isTyping: boolean): void {
    if (this.#typingTimer) clearTimeout(this.#typingTimer);
    this.#typingTimer = isTyping ? setTimeout(() => this.typing(false), 4000) : null;
    this.#sendFrame({ type: 'typing', typing: isTyping });
  }

  /** Everything shown so far has been seen. */
  markRead(): void {
    const last = lastSeq(this.#state.messages);
    if (this.#state.unread !== 0) {
      this.#update({ unread: 0 });
      this.#events.emit('unread-count-change', 0);
    }
    if (last > 0) this.#sendFrame({ type: 'read', seq: last });
  }

  /** Tells the hub who the visitor is; kept and told again after every reconnect. */
  identify(profile: VisitorProfile, userHash?: string): void {
    this.persist();
    this.#identity = { type: 'identify', profile, ...(userHash ? { userHash } : {}) };
    this.#sendFrame(this.#identity);
  }

  setLocale(locale: string): void {
    this.#locale = locale;
  }

  /** Forgets the visitor on this device (e.g. at logout): storage cleared, a fresh anonymous start. */
  forget(): void {
    this.#storage.remove(this.#storageKey);
    this.#persisted = {};
    this.#persistAllowed = false;
    this.#identity = null;
    this.#outbox.clear();
    const wasConnected = this.#connection.status !== 'idle';
    this.#connection.close();
    this.#update({ ...EMPTY_VISITOR_STATE });
    if (wasConnected) this.#connection.open();
  }

  /** Closes the socket and drops every listener. */
  destroy(): void {
    this.#connection.close();
    this.#events.clear();
  }

  #sendFrame(frame: VisitorClientFrame): void {
    this.#connection.send(frame);
  }

  #hello(): void {
    const socketFrame: VisitorClientFrame = {
      type: 'hello',
      ...(this.#persisted.visitorToken ? { visitorToken: this.#persisted.visitorToken } : {}),
      ...(this.#state.conversation ? { conversationId: this.#state.conversation.id, lastSeq: lastSeq(this.#state.messages) } : {}),
      ...(this.#locale ? { locale: this.#locale } : {}),
    };
    this.#connection.send(socketFrame, true);
  }

  #receive(data: unknown): void {
    const frame = parseVisitorServerFrame(data);
    if (frame) this.#handlers[frame.type](frame as never);
  }

  readonly #handlers: { [K in VisitorServerFrame['type']]: (frame: Extract<VisitorServerFrame, { type: K }>) => void } = {
    welcome: (frame) => {
      const sameConversation = frame.conversation && frame.conversation.id === this.#state.conversation?.id;
      this.#update({
        channel: frame.channel,
        availability: frame.availability,
        visitor: frame.visitor,
        conversation: frame.conversation,
        messages: sameConversation ? this.#state.messages : this.#outbox.all().map(pendingView),
        typing: null,
      });
      this.#connection.established();
      // Identify first, so the business sees who writes; it may have been called before the socket was up.
      if (this.#identity) this.#sendFrame(this.#identity);
      // Whatever the hub has not acknowledged goes again, with the same ids.
      for (const pending of this.#outbox.all()) {
        this.#sendFrame({ type: 'send', clientMsgId: pending.clientMsgId, text: pending.text });
      }
      this.#events.emit('ready', this.#state);
    },

    visitor: (frame) => {
      if (frame.visitorToken) {
        this.#persisted.visitorToken = frame.visitorToken;
        this.#save();
      }
      this.#update({ visitor: frame.visitor });
    },

    ack: (frame) => {
      if (!this.#outbox.acknowledge(frame.clientMsgId)) return;
      this.#save();
      const pending = this.#state.messages.find((m) => m.status === 'sending' && m.clientMsgId === frame.clientMsgId);
      const stored: ClientMessage = {
        status: 'sent',
        id: frame.id,
        conversationId: frame.conversationId,
        seq: frame.seq,
        author: { kind: 'visitor' },
        text: pending?.text ?? '',
        clientMsgId: frame.clientMsgId,
        createdAt: frame.createdAt,
      };
      this.#update({ messages: merge(this.#state.messages.filter((m) => m !== pending), stored) });
    },

    message: ({ message }) => {
      if (this.#state.conversation && message.conversationId !== this.#state.conversation.id) return;
      if (this.#state.messages.some((m) => m.status === 'sent' && m.seq === message.seq)) return;
      const fromBusiness = message.author.kind !== 'visitor';
      const unread = fromBusiness && message.seq > (this.#state.conversation?.readSeq ?? 0) ? this.#state.unread + 1 : this.#state.unread;
      this.#update({
        messages: merge(this.#state.messages, { ...message, status: 'sent' }),
        unread,
        typing: fromBusiness ? null : this.#state.typing,
      });
      if (fromBusiness) {
        this.#events.emit('message', message);
        this.#events.emit('unread-count-change', unread);
      }
    },

    typing: (frame) => {
      this.#update({ typing: frame.typing ? frame.author : null });
    },

    read: (frame) => {
      const conversation = this.#state.conversation;
      if (frame.by === 'staff' && conversation?.id === frame.conversationId) {
        this.#update({ conversation: { ...conversation, readSeq: Math.max(conversation.readSeq, frame.seq) } });
      }
    },

    conversation: ({ conversation }) => {
      const changed = conversation.id !== this.#state.conversation?.id;
      if (changed) {
        this.#persisted.conversationId = conversation.id;
        this.#save();
      }
      this.#update({
        conversation,
        // A new conversation starts with an empty list (but keeps what is still being sent).
        messages: changed ? this.#state.messages.filter((m) => m.status === 'sending' || m.conversationId === conversation.id) : this.#state.messages,
      });
    },

    availability: (frame) => {
      this.#update({ availability: frame.availability });
    },

    error: (frame) => {
      this.#events.emit('error', { code: frame.code, message: frame.message });
      // A message the hub refused for good leaves the outbox; rate-limited or failed ones are resent later.
      if (frame.clientMsgId && (frame.code === 'message_too_long' || frame.code === 'bad_frame')) {
        this.#outbox.acknowledge(frame.clientMsgId);
        this.#save();
        this.#update({ messages: this.#state.messages.filter((m) => !(m.status === 'sending' && m.clientMsgId === frame.clientMsgId)) });
      }
    },
  };

  #save(): void {
    if (!this.#persistAllowed) return;
    this.#persisted.outbox = this.#outbox.all();
    try {
      this.#storage.set(this.#storageKey, JSON.stringify(this.#persisted));
    } catch {
      // Storage full or blocked: the chat keeps working for this page view.
    }
  }

  #update(patch: Partial<VisitorState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#events.emit('state', this.#state);
  }
}

function pendingView(pending: PendingMessage): ClientMessage {
  return { status: 'sending', clientMsgId: pending.clientMsgId, text: pending.text, createdAt: pending.createdAt, author: { kind: 'visitor' } };
}

function lastSeq(messages: readonly ClientMessage[]): number {
  let last = 0;
  for (const m of messages) if (m.status === 'sent' && m.seq > last) last = m.seq;
  return last;
}

/** Stored messages in seq order, each once; messages still sending stay at the end. */
function merge(messages: readonly ClientMessage[], incoming: ClientMessage & { status: 'sent' }): ClientMessage[] {
  const sent = messages.filter((m): m is ChatMessage & { status: 'sent' } => m.status === 'sent' && m.seq !== incoming.seq);
  const sending = messages.filter((m) => m.status === 'sending');
  sent.push(incoming);
  sent.sort((a, b) => a.seq - b.seq);
  return [...sent, ...sending];
}
