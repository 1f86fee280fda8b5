import type { VisitorClient } from '../client/visitor-client.js';

/** The properties of `<interact-chat>` the API sets; the element lives in @interact/widget. */
export interface ChatElement extends HTMLElement {
  client: VisitorClient | null;
  open: boolean;
  locale: string;
  position: 'bottom-right' | 'bottom-left';
}

/**
 * Loads the widget's script from the hub unless the page already has `<interact-chat>` (the
 * script-tag bundle defines it). Properties set on the element before it is defined are kept.
 */
export function loadWidget(url: string): void {
  if (globalThis.customElements?.get('interact-chat')) return;
  if (document.querySelector(`script[data-interact-widget]`)) return;
  const script = document.createElement('script');
  script.src = url;
  script.async = true;
  script.crossOrigin = 'anonymous';
  script.dataset.interactWidget = '';
  document.head.append(script);
}
