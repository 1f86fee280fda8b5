/**
 * Splits message text into plain text and links, so links can be rendered as elements without
 * ever treating the text as HTML. Only http:, https: and mailto: become links; anything else
 * (javascript:, data:, …) stays text.
 */

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const LINKABLE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

// A candidate starts with a scheme we link, and runs to the next whitespace or character that
// cannot be part of a URL written in prose.
const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;

// Punctuation that ends a sentence rather than the URL.
const TRAILING = /[.,;:!?'"*_\]}]+$/;

export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index ?? 0;
    const candidate = trimTrailing(match[0]);
    const href = safeHref(candidate);
    if (!href) continue;
    if (start > plainFrom) parts.push({ kind: 'text', text: text.slice(plainFrom, start) });
    parts.push({ kind: 'link', text: candidate, href });
    plainFrom = start + candidate.length;
  }
  if (plainFrom < text.length) parts.push({ kind: 'text', text: text.slice(plainFrom) });
  return parts;
}

/** The normalised URL when it parses and uses a protocol we link; null otherwise. */
export function safeHref(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!LINKABLE_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol === 'mailto:' ? url.pathname === '' : url.hostname === '') return null;
  return url.href;
}

function trimTrailing(candidate: string): string {
  let url = candidate.replace(TRAILING, '');
  // "(see https://example.com/a)" – a closing parenthesis without an opening one in the URL is prose.
  while (url.endsWith(')') && count(url, '(') < count(url, ')')) url = url.slice(0, -1).replace(TRAILING, '');
  return url;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
