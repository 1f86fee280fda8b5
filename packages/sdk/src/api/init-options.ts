import { checkClientOptions, type VisitorClientOptions } from '../client/options.js';

export type Position = 'bottom-right' | 'bottom-left';

/** What a site passes to `Interact.init()`. */
export interface InitOptions extends Pick<VisitorClientOptions, 'hubUrl' | 'channelKey' | 'locale' | 'storage' | 'WebSocket'> {
  /** Corner of the launcher. @default the channel's setting in the portal */
  position?: Position;
  /** Open the chat panel at once. @default false */
  open?: boolean;
  /** Where the widget's script comes from when the page has not loaded it. @default `${hubUrl}/sdk/v1/interact.js` */
  widgetUrl?: string;
  /** Element the chat is added to. @default document.body */
  container?: HTMLElement;
}

export function checkInitOptions(options: InitOptions): void {
  checkClientOptions(options);
  if (options.position !== undefined && options.position !== 'bottom-right' && options.position !== 'bottom-left') {
    throw new TypeError('Interact: position must be "bottom-right" or "bottom-left"');
  }
  if (options.widgetUrl !== undefined && (typeof options.widgetUrl !== 'string' || !/^https?:\/\//.test(options.widgetUrl))) {
    throw new TypeError('Interact: widgetUrl must be an http(s) address');
  }
}

/** The language of the page, else the browser's. */
export function defaultLocale(): string | undefined {
  const lang = globalThis.document?.documentElement?.lang || globalThis.navigator?.language;
  return lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? lang : undefined;
}
