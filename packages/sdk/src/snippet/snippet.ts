/** What the snippet needs to know. */
export interface SnippetOptions {
  /** The hub's address, e.g. https://chat.example.com */
  hubUrl: string;
  /** The channel's public key. */
  channelKey: string;
  /** The exact bundle URL; versioned so the integrity hash stays valid. @default `${hubUrl}/sdk/v1/interact.js` */
  scriptUrl?: string;
  /** Subresource Integrity of the bundle, e.g. "sha384-…". */
  integrity?: string;
  /** `stub`: an inline stub queues calls made before the script loads. `csp`: data-* attributes only, no inline script. @default 'stub' */
  variant?: 'stub' | 'csp';
  locale?: string;
  position?: 'bottom-right' | 'bottom-left';
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The copy-paste HTML that puts the chat on a page. */
export function generateSnippet(options: SnippetOptions): string {
  const hubUrl = new URL(options.hubUrl).origin;
  if (!/^[A-Za-z0-9_-]{4,64}$/.test(options.channelKey)) throw new TypeError('channelKey is not a channel public key');
  const src = options.scriptUrl ?? `${hubUrl}/sdk/v1/interact.js`;
  const sri = options.integrity ? ` integrity="${escapeAttribute(options.integrity)}" crossorigin="anonymous"` : '';
  if (options.variant === 'csp') {
    const extra = [
      options.locale ? ` data-locale="${escapeAttribute(options.locale)}"` : '',
      options.position ? ` data-position="${escapeAttribute(options.position)}"` : '',
    ].join('');
    return `<!-- #Interact chat -->\n<script async src="${escapeAttribute(src)}"${sri}\n  data-hub-url="${escapeAttribute(hubUrl)}" data-channel-key="${escapeAttribute(options.channelKey)}"${extra}></script>\n`;
  }
  const init = JSON.stringify({
    hubUrl,
    channelKey: options.channelKey,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.position ? { position: options.position } : {}),
  }).replace(/</g, '\\u003c');
  return [
    '<!-- #Interact chat -->',
    '<script>',
    '  window.Interact = window.Interact || function () { (window.Interact.q = window.Interact.q || []).push(arguments); };',
    `  Interact('init', ${init});`,
    '</script>',
    `<script async src="${escapeAttribute(src)}"${sri}></script>`,
    '',
  ].join('\n');
}
