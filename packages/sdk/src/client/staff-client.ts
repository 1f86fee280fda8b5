import type { ChatMessage } from '../protocol/messages.js';
import { parseStaffServerFrame } from '../protocol/guards.js';
import type { AckFrame, ReadFrame, TypingFrame } from '../protocol/visitor-frames.js';
import type { ConversationSummary, StaffClientFrame, StaffServerFrame, StaffWelcome } from '../protocol/staff-frames.js';
import type { ErrorFrame } from '../protocol/errors.js';
import { Connection, type ConnectionStatus } from './connection.js';
import { Emitter } from './emitter.js';
import type { WebSocketConstructor } from './options.js';
import { newClientMsgId } from './outbox.js';
import { HubError, RequestTracker } from './requests.js';

export interface StaffClientOptions {
  hubUrl: string;
  /** Session token from `POST /api/v1/auth/sign-in` with `mode: "token"`; omit in the portal (cookie). */
  token?: string;
  /** @default globalThis.WebSocket */
  WebSocket?: WebSocketConstructor;
  /** @default 500 */
  reconnectInitialMs?: number;
  /** @default 30000 */
  reconnectMaxMs?: number;
}

export interface StaffClientEvents {
  welcome: StaffWelcome;
  conversation: ConversationSummary;
  'conversation-removed': { conversationId: string; reason: string };
  message: ChatMessage;
  typing: TypingFrame;
  read: ReadFrame;
  'visitor-presence': { conversationId: string; online: boolean };
  status: ConnectionStatus;
  error: ErrorFrame;
  /** The hub closed the socket for good: the session is missing, expired or was ended. Sign in again. */
  'session-ended': { code: number; reason: string };
}

/**
 * The staff side of the live protocol: the inbox (queue, own and, for supervisors, all open
 * conversations) kept current, and requests (take, assign, send, close, history) as promises.
 * The portal uses it in the browser; integrations and tests use it from Node.
 */
export class StaffClient {
  readonly #events = new Emitter<StaffClientEvents>();
  readonly #requests = new RequestTracker();
  readonly #acks = new Map<string, { resolve(ack: AckFrame): void; reject(e: HubError): void }>();
  readonly #connection: Connection;
  readonly conversations = new Map<string, ConversationSummary>();

  constructor(private readonly options: StaffClientOptions) {
    const WebSocketImpl = options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined);
    if (!WebSocketImpl) throw new TypeError('StaffClient: no WebSocket here; pass options.WebSocket');
    const url = new URL('/ws/staff', options.hubUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.#connection = new Connection(
      url.toString(),
      WebSocketImpl,
      {
        onOpen: () => this.#connection.send({ type: 'hello', ...(options.token ? { token: options.token } : {}) }, true),
        onData: (data) => {
          const frame = parseStaffServerFrame(data);
          if (frame) this.#handle(frame);
        },
        onStatus: (status) => {
          if (status !== 'online') this.#failPending();
          this.#events.emit('status', status);
        },
        onFatal: (code, reason) => {
          this.#failPending();
          this.#events.emit('session-ended', { code, reason });
        },
      },
      { initialMs: options.reconnectInitialMs ?? 500, maxMs: options.reconnectMaxMs ?? 30_000 },
    );
  }

  on<K extends keyof StaffClientEvents>(event: K, handler: (payload: StaffClientEvents[K]) => void): () => void {
    return this.#events.on(event, handler);
  }

  /** Connects; resolves with the first welcome. */
  connect(): Promise<StaffWelcome> {
    const welcome = new Promise<StaffWelcome>((resolve, reject) => {
      const stopWelcome = this.on('welcome', (w) => {
        stopWelcome();
        stopError();
        resolve(w);
      });
      const stopError = this.on('error', (e) => {
        stopWelcome();
        stopError();
        reject(new HubError(e.code, e.message));
      });
    });
    this.#connection.open();
    return welcome;
  }

  disconnect(): void {
    this.#connection.close();
  }

  take(conversationId: string): Promise<void> {
    return this.#request({ type: 'take', conversationId });
  }

  /** Hands an open conversation to another staff member (`userId` from `GET /api/v1/staff`). */
  assign(conversationId: string, userId: string): Promise<void> {
    return this.#request({ type: 'assign', conversationId, userId });
  }

  close(conversationId: string): Promise<void> {
    return this.#request({ type: 'close', conversationId });
  }

  /** Asks for the messages after `afterSeq`; they arrive as `message` events before this resolves. */
  history(conversationId: string, afterSeq = 0): Promise<void> {
    return this.#request({ type: 'history', conversationId, afterSeq });
  }

  /** Sends a message; resolves with the hub's acknowledgement (after it is stored). */
  send(conversationId: string, text: string, clientMsgId = newClientMsgId()): Promise<AckFrame> {
    return new Promise<AckFrame>((resolve, reject) => {
      this.#acks.set(clientMsgId, { resolve, reject });
      if (!this.#connection.send({ type: 'send', conversationId, clientMsgId, text } satisfies StaffClientFrame)) {
        this.#acks.delete(clientMsgId);
        reject(new HubError('disconnected', 'Not connected to the hub.'));
      }
    });
  }

  typing(conversationId: string, typing: boolean): void {
    this.#connection.send({ type: 'typing', conversationId, typing } satisfies StaffClientFrame);
  }

  markRead(conversationId: string, seq: number): void {
    this.#connection.send({ type: 'read', conversationId, seq } satisfies StaffClientFrame);
  }

  #request(frame: Extract<StaffClientFrame, { ref?: string }>): Promise<void> {
    const { ref, done } = this.#requests.start();
    if (!this.#connection.send({ ...frame, ref })) {
      this.#requests.reject(ref, new HubError('disconnected', 'Not connected to the hub.'));
    }
    return done;
  }

  #failPending(): void {
    const error = new HubError('disconnected', 'The connection to the hub was lost.');
    this.#requests.rejectAll(error);
    for (const [id, waiting] of this.#acks) {
      this.#acks.delete(id);
      waiting.reject(error);
    }
  }

  #handle(frame: StaffServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        this.conversations.clear();
        for (const c of frame.conversations) this.conversations.set(c.id, c);
        this.#connection.established();
        this.#events.emit('welcome', frame);
        return;
      case 'conversation':
        this.conversations.set(frame.conversation.id, frame.conversation);
        this.#events.emit('conversation', frame.conversation);
        return;
      case 'conversation-removed':
        this.conversations.delete(frame.conversationId);
        this.#events.emit('conversation-removed', { conversationId: frame.conversationId, reason: frame.reason });
        return;
      case 'message':
        this.#events.emit('message', frame.message);
        return;
      case 'ack':
        this.#acks.get(frame.clientMsgId)?.resolve(frame);
        this.#acks.delete(frame.clientMsgId);
        return;
      case 'typing':
        this.#events.emit('typing', frame);
        return;
      case 'read':
        this.#events.emit('read', frame);
        return;
      case 'visitor-presence':
        this.#events.emit('visitor-presence', { conversationId: frame.conversationId, online: frame.online });
        return;
      case 'done':
        this.#requests.resolve(frame.ref);
        return;
      case 'error': {
        const error = new HubError(frame.code, frame.message);
        if (frame.ref && this.#requests.reject(frame.ref, error)) return;
        if (frame.clientMsgId && this.#acks.has(frame.clientMsgId)) {
          this.#acks.get(frame.clientMsgId)!.reject(error);
          this.#acks.delete(frame.clientMsgId);
          return;
        }
        this.#events.emit('error', frame);
        return;
      }
    }
  }
}
