import { CLOSE_CODES } from '../protocol/messages.js';
import { backoffDelay } from './backoff.js';
import type { WebSocketConstructor } from './options.js';

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting';

export interface ConnectionHandlers {
  /** The socket opened: send hello. */
  onOpen(): void;
  onData(data: unknown): void;
  onStatus(status: ConnectionStatus): void;
  /** The hub refused for good (unknown channel, origin not allowed): no more retries. */
  onFatal(code: number, reason: string): void;
}

/** Close codes after which retrying cannot help (a staff session that ended needs a new sign-in). */
const FATAL_CODES: ReadonlySet<number> = new Set([CLOSE_CODES.originRefused, CLOSE_CODES.unknownChannel, CLOSE_CODES.unauthorized]);

/**
 * One WebSocket that comes back: after any drop it reconnects with jittered back-off, and at once
 * when the browser says it is online again or the page becomes visible.
 */
export class Connection {
  #socket: WebSocket | null = null;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #wanted = false;
  #status: ConnectionStatus = 'idle';

  constructor(
    private readonly url: string,
    private readonly WebSocketImpl: WebSocketConstructor,
    private readonly handlers: ConnectionHandlers,
    private readonly delays: { initialMs: number; maxMs: number },
  ) {}

  get status(): ConnectionStatus {
    return this.#status;
  }

  open(): void {
    if (this.#wanted) return;
    this.#wanted = true;
    globalThis.addEventListener?.('online', this.#retryNow);
    globalThis.document?.addEventListener?.('visibilitychange', this.#retryNow);
    this.#connect();
  }

  close(): void {
    this.#wanted = false;
    globalThis.removeEventListener?.('online', this.#retryNow);
    globalThis.document?.removeEventListener?.('visibilitychange', this.#retryNow);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const socket = this.#socket;
    this.#socket = null;
    socket?.close(1000, 'closed by the page');
    this.#setStatus('idle');
  }

  /**
   * Sends now if the session is established; false means the caller keeps the frame for after
   * the reconnect. `handshake` frames (hello) go out as soon as the socket is open.
   */
  send(frame: object, handshake = false): boolean {
    const socket = this.#socket;
    if (!socket || socket.readyState !== 1 || (!handshake && this.#status !== 'online')) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  /** Marks the session as established (after the hub's welcome): resets the back-off. */
  established(): void {
    this.#attempt = 0;
    this.#setStatus('online');
  }

  #retryNow = (): void => {
    if (!this.#wanted || this.#socket || globalThis.document?.visibilityState === 'hidden') return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#connect();
  };

  #connect(): void {
    this.#setStatus(this.#attempt === 0 ? 'connecting' : 'reconnecting');
    let socket: WebSocket;
    try {
      socket = new this.WebSocketImpl(this.url);
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => this.handlers.onOpen();
    socket.onmessage = (event: MessageEvent) => this.handlers.onData(event.data);
    socket.onclose = (event: CloseEvent) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      if (!this.#wanted) return;
      if (FATAL_CODES.has(event.code)) {
        this.#wanted = false;
        this.#setStatus('idle');
        this.handlers.onFatal(event.code, event.reason);
        return;
      }
      this.#scheduleRetry();
    };
    // Errors are followed by close, which decides what happens next.
    socket.onerror = () => {};
  }

  #scheduleRetry(): void {
    this.#setStatus('reconnecting');
    const delay = backoffDelay(this.#attempt, this.delays.initialMs, this.delays.maxMs);
    this.#attempt += 1;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#wanted) this.#connect();
    }, delay);
  }

  #setStatus(status: ConnectionStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.handlers.onStatus(status);
  }
}
