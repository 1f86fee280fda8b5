import type { PortalStrings } from '../i18n/strings.js';

/**
 * A short message for the user. The text is a function of the dictionary, so a notice made before
 * a language switch shows in the new language; `id` changes with every notice so that the same
 * text said twice is announced twice.
 */
export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text(t: PortalStrings): string;
}

let nextId = 0;

export function notice(tone: Notice['tone'], text: Notice['text']): Notice {
  nextId += 1;
  return { id: nextId, tone, text };
}
