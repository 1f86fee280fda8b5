import { en } from './en.js';
import { fr } from './fr.js';
import { nl } from './nl.js';
import type { WidgetStrings } from './strings.js';

export { format } from './strings.js';
export type { WidgetStrings } from './strings.js';

/** The languages the widget speaks, by primary language subtag. */
export const DICTIONARIES: Readonly<Record<string, WidgetStrings>> = { en, fr, nl };

/** The dictionary for a BCP 47 tag ('fr-BE' → French), English for anything else, then overrides. */
export function stringsFor(locale: string | undefined, overrides?: Partial<WidgetStrings>): WidgetStrings {
  const language = (locale ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  const base = Object.prototype.hasOwnProperty.call(DICTIONARIES, language) ? DICTIONARIES[language]! : en;
  return overrides ? { ...base, ...overrides } : base;
}

/** The page's language (`<html lang>`), else the browser's, else English. */
export function pageLocale(): string {
  return (typeof document !== 'undefined' && document.documentElement.lang) || (typeof navigator !== 'undefined' && navigator.language) || 'en';
}
