import { en } from './en.js';
import { fr } from './fr.js';
import { nl } from './nl.js';
import type { PortalStrings } from './strings.js';

export { format } from './strings.js';
export type { PortalStrings } from './strings.js';

export const LANGUAGES = ['en', 'fr', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DICTIONARIES: Readonly<Record<Language, PortalStrings>> = { en, fr, nl };

/** The portal language for a BCP 47 tag ('nl-BE' → 'nl'), or null when the portal does not speak it. */
export function languageOf(tag: string | null | undefined): Language | null {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : null;
}

/** The browser's preferred language the portal speaks, else English. */
export function browserLanguage(): Language {
  const tags = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  for (const tag of tags) {
    const language = languageOf(tag);
    if (language) return language;
  }
  return 'en';
}
