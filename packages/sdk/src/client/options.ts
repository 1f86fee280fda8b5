import type { KeyValueStorage } from './storage.js';

/** A WebSocket constructor: the browser's, or the `ws` package's in Node. */
export type WebSocketConstructor = new (url: string) => WebSocket;

export interface VisitorClientOptions {
  /** The hub's address, e.g. https://chat.example.com */
  hubUrl: string;
  /** The channel's public key, from the portal's channel settings. */
  channelKey: string;
  /** BCP 47 language for the visitor. @default the page's or browser's language */
  locale?: string;
  /** Where the visitor token and unsent messages are kept. @default localStorage when available */
  storage?: KeyValueStorage;
  /** WebSocket implementation. @default globalThis.WebSocket */
  WebSocket?: WebSocketConstructor;
  /** First reconnect delay in ms. @default 500 */
  reconnectInitialMs?: number;
  /** Longest reconnect delay in ms. @default 30000 */
  reconnectMaxMs?: number;
}

export const DEFAULT_CLIENT_OPTIONS = {
  reconnectInitialMs: 500,
  reconnectMaxMs: 30_000,
} as const;

/** Checks options a site developer passes in, with messages that say what to fix. */
export function checkClientOptions(options: VisitorClientOptions): void {
  if (!options || typeof options !== 'object') throw new TypeError('Interact: options are required');
  if (typeof options.hubUrl !== 'string' || !/^https?:\/\//.test(options.hubUrl)) {
    throw new TypeError('Interact: hubUrl must be the hub’s http(s) address, e.g. "https://chat.example.com"');
  }
  if (typeof options.channelKey !== 'string' || !/^[A-Za-z0-9_-]{4,64}$/.test(options.channelKey)) {
    throw new TypeError('Interact: channelKey must be the channel’s public key from the portal');
  }
  if (options.locale !== undefined && (typeof options.locale !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(options.locale))) {
    throw new TypeError('Interact: locale must be a language tag such as "en" or "fr-BE"');
  }
}

/** ws(s)://… URL of the visitor socket for a hub and channel. */
export function visitorSocketUrl(hubUrl: string, channelKey: string): string {
  const url = new URL('/ws/visitor', hubUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('key', channelKey);
  return url.toString();
}
