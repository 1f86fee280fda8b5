import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClientError, VisitorState } from '@interact/sdk';
import { EMPTY_STATE, type ChatClient } from './chat-client.js';

/** What the controller needs from its element. */
export interface ClientHost extends ReactiveControllerHost {
  client?: ChatClient | undefined;
  open: boolean;
}

/** Quiet time before "is typing" is sent again while the visitor keeps typing (the client stops it after 4 s). */
const TYPING_REPEAT_MS = 2500;

/**
 * Binds an element to a VisitorClient for as long as the element is in the page: re-renders on
 * every state change, marks messages read while the panel is open and the page is visible, and
 * tracks whether the browser is online. Subscribes in hostConnected, unsubscribes in
 * hostDisconnected, and follows the host's `client` property when it is replaced.
 */
export class ClientController implements ReactiveController {
  readonly #host: ClientHost;
  #client: ChatClient | undefined;
  #unsubscribe: Array<() => void> = [];
  #connected = false;
  #lastTypingAt = 0;
  /** `host.open` as of the last update with the current client. */
  #wasOpen = false;
  /** The latest error worth showing the visitor; a too-long message's is cleared by the next send. */
  error: ClientError | null = null;

  constructor(host: ClientHost) {
    this.#host = host;
    host.addController(this);
  }

  get state(): VisitorState {
    return this.#client?.state ?? EMPTY_STATE;
  }

  get browserOnline(): boolean {
    return typeof navigator === 'undefined' || navigator.onLine !== false;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#bind(this.#host.client);
    window.addEventListener('online', this.#rerender);
    window.addEventListener('offline', this.#rerender);
    document.addEventListener('visibilitychange', this.#markReadIfSeen);
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#bind(undefined);
    window.removeEventListener('online', this.#rerender);
    window.removeEventListener('offline', this.#rerender);
    document.removeEventListener('visibilitychange', this.#markReadIfSeen);
  }

  hostUpdate(): void {
    // The `client` property may be set or replaced at any time after the element connected.
    if (this.#connected && this.#host.client !== this.#client) this.#bind(this.#host.client);
    // Before rendering, so the cleared unread count shows in this very update.
    if (this.#host.open && !this.#wasOpen) this.#opened();
    this.#wasOpen = this.#host.open;
  }

  send(text: string): boolean {
    const client = this.#client;
    if (!client || text.trim() === '') return false;
    try {
      client.send(text);
    } catch {
      this.error = { code: 'message_too_long', message: 'message too long' };
      this.#host.requestUpdate();
      return false;
    }
    if (this.error?.code === 'message_too_long') this.error = null;
    this.#lastTypingAt = 0;
    client.typing(false);
    return true;
  }

  /** Called on each keystroke; tells the business at most every few seconds. */
  typed(hasText: boolean): void {
    const client = this.#client;
    if (!client) return;
    const now = Date.now();
    if (!hasText) {
      if (this.#lastTypingAt) client.typing(false);
      this.#lastTypingAt = 0;
    } else if (now - this.#lastTypingAt > TYPING_REPEAT_MS) {
      this.#lastTypingAt = now;
      client.typing(true);
    }
  }

  identify(email: string): void {
    this.#client?.identify({ email });
  }

  #bind(client: ChatClient | undefined): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#client = client;
    this.#wasOpen = false;
    this.error = null;
    if (!client) return;
    this.#unsubscribe = [
      client.on('state', this.#onState),
      client.on('error', (error) => {
        if (error.code === 'channel_refused' || error.code === 'message_too_long') {
          this.error = error;
          this.#host.requestUpdate();
        }
      }),
    ];
    this.#host.requestUpdate();
  }

  /** The panel is open: from now on the client may keep the visitor in storage; all is seen. */
  #opened(): void {
    const client = this.#client;
    if (!client) return;
    client.persist();
    if (document.visibilityState !== 'hidden') client.markRead();
  }

  readonly #onState = (): void => {
    this.#host.requestUpdate();
    this.#markReadIfSeen();
  };

  readonly #rerender = (): void => this.#host.requestUpdate();

  readonly #markReadIfSeen = (): void => {
    const client = this.#client;
    if (client && this.#host.open && document.visibilityState !== 'hidden' && client.state.unread > 0) client.markRead();
  };
}
