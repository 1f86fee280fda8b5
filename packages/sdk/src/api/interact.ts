import type { ChatMessage, VisitorProfile } from '../protocol/index.js';
import { VisitorClient, type ClientError, type VisitorState } from '../client/visitor-client.js';
import { Emitter } from '../client/emitter.js';
import { checkInitOptions, defaultLocale, type InitOptions } from './init-options.js';
import { loadWidget, type ChatElement } from './widget-loader.js';

/** Events a site can listen to with `Interact.on()`. */
export interface InteractEvents {
  /** Connected and welcomed by the hub. */
  ready: VisitorState;
  /** The visitor opened the chat panel. */
  open: void;
  /** The visitor closed the chat panel. */
  close: void;
  /** A message from the business arrived. */
  message: ChatMessage;
  /** How many messages the visitor has not seen changed. */
  'unread-count-change': number;
  error: ClientError;
}

export type InteractEvent = keyof InteractEvents;

const PROFILE_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'mobile', 'birthDate', 'userId'] as const;

function checkProfile(profile: unknown): asserts profile is VisitorProfile {
  if (!profile || typeof profile !== 'object') throw new TypeError('Interact.identify: pass an object such as {email}');
  for (const [key, value] of Object.entries(profile)) {
    if (!(PROFILE_FIELDS as readonly string[]).includes(key)) {
      throw new TypeError(`Interact.identify: unknown field "${key}" (known: ${PROFILE_FIELDS.join(', ')})`);
    }
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`Interact.identify: ${key} must be a string`);
  }
}

/**
 * The JavaScript API a site calls: `init`, `open`, `close`, `toggle`, `identify`, `setLocale`,
 * `on`/`off` and `shutdown`. One instance per page (`Interact`).
 */
export class InteractApi {
  readonly #events = new Emitter<InteractEvents>();
  #client: VisitorClient | null = null;
  #element: ChatElement | null = null;
  #unsubscribe: Array<() => void> = [];

  /** The headless client, for sites that want more than the widget shows. */
  get client(): VisitorClient | null {
    return this.#client;
  }

  init(options: InitOptions): void {
    checkInitOptions(options);
    if (this.#client) {
      console.warn('Interact.init: already initialised; call Interact.shutdown() first to start again');
      return;
    }
    const locale = options.locale ?? defaultLocale();
    const client = new VisitorClient({ ...options, ...(locale ? { locale } : {}) });
    this.#client = client;
    this.#unsubscribe = [
      client.on('ready', (state) => this.#events.emit('ready', state)),
      client.on('message', (message) => this.#events.emit('message', message)),
      client.on('unread-count-change', (count) => this.#events.emit('unread-count-change', count)),
      client.on('error', (error) => this.#events.emit('error', error)),
    ];
    const element = document.createElement('interact-chat') as ChatElement;
    element.client = client;
    if (locale) element.locale = locale;
    if (options.position) element.position = options.position;
    element.open = options.open === true;
    element.addEventListener('interact-open', this.#onOpen);
    element.addEventListener('interact-close', this.#onClose);
    (options.container ?? document.body).append(element);
    this.#element = element;
    loadWidget(options.widgetUrl ?? new URL('/sdk/v1/interact.js', options.hubUrl).toString());
    client.connect();
  }

  open(): void {
    this.#setOpen(true);
  }

  close(): void {
    this.#setOpen(false);
  }

  toggle(): void {
    this.#setOpen(!this.#element?.open);
  }

  /**
   * Tells the business who the visitor is. With `userHash` (HMAC-SHA256 of the user id, or else
   * the e-mail, keyed with the channel's identity secret, computed on your server) the hub marks
   * the visitor verified.
   */
  identify(profile: VisitorProfile, options: { userHash?: string } = {}): void {
    checkProfile(profile);
    if (options.userHash !== undefined && !/^[0-9a-fA-F]{64}$/.test(options.userHash)) {
      throw new TypeError('Interact.identify: userHash must be a hex HMAC-SHA256 (64 characters)');
    }
    this.#requireClient('identify').identify(profile, options.userHash);
  }

  setLocale(locale: string): void {
    if (typeof locale !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) {
      throw new TypeError('Interact.setLocale: pass a language tag such as "fr" or "nl-BE"');
    }
    this.#requireClient('setLocale').setLocale(locale);
    if (this.#element) this.#element.locale = locale;
  }

  on<K extends InteractEvent>(event: K, handler: (payload: InteractEvents[K]) => void): () => void {
    return this.#events.on(event, handler);
  }

  off<K extends InteractEvent>(event: K, handler: (payload: InteractEvents[K]) => void): void {
    this.#events.off(event, handler);
  }

  /** Removes the chat and forgets the visitor on this device (call it at logout). */
  shutdown(): void {
    this.#client?.forget();
    this.#client?.destroy();
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
    this.#element?.removeEventListener('interact-open', this.#onOpen);
    this.#element?.removeEventListener('interact-close', this.#onClose);
    this.#element?.remove();
    this.#element = null;
    this.#client = null;
  }

  #setOpen(open: boolean): void {
    const element = this.#element;
    if (!element) throw new Error('Interact: call Interact.init({hubUrl, channelKey}) first');
    if (element.open === open) return;
    element.open = open;
    if (open) this.#client?.persist();
    this.#events.emit(open ? 'open' : 'close', undefined);
  }

  #requireClient(method: string): VisitorClient {
    if (!this.#client) throw new Error(`Interact.${method}: call Interact.init({hubUrl, channelKey}) first`);
    return this.#client;
  }

  #onOpen = (): void => this.#events.emit('open', undefined);
  #onClose = (): void => this.#events.emit('close', undefined);
}

/** The page's Interact API. */
export const Interact = new InteractApi();
