import { html, nothing, type TemplateResult } from 'lit';
import type { ClientMessage } from '@interact/sdk';
import { linkParts } from './link-parts.js';
import type { WidgetStrings } from './i18n/index.js';

/**
 * Text from visitors, staff, bots and channel settings, rendered through Lit text bindings only:
 * it can never become markup. Links are real <a> elements built from checked URLs.
 */
export function renderText(text: string): TemplateResult[] {
  return linkParts(text).map((part) =>
    part.kind === 'link'
      ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer nofollow">${part.text}</a>`
      : html`${part.text}`,
  );
}

/** One bubble; the `part` names let a site style each kind of author. */
export function renderMessage(message: ClientMessage, strings: WidgetStrings): TemplateResult {
  const kind = message.author.kind;
  const sending = message.status === 'sending';
  const name = kind === 'user' || kind === 'bot' ? message.author.name : undefined;
  return html`<div part="message message-${kind}" class="message ${kind}${sending ? ' sending' : ''}">
    ${name ? html`<span class="author">${name}</span>` : nothing}
    <p class="text">${renderText(message.text)}</p>
    ${sending ? html`<span class="status">${strings.sending}</span>` : nothing}
  </div>`;
}

/** Stable identity of a message across "sending" → "sent", so its element is kept, not recreated. */
export function messageKey(message: ClientMessage): string {
  return message.clientMsgId ?? (message.status === 'sent' ? message.id : '');
}
