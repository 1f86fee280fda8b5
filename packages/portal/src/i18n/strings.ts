import type { en } from './en.js';

/**
 * Every text the portal shows of its own, grouped by view. English is the reference: the French and
 * Dutch dictionaries are typed against it, so a missing or extra text fails the build.
 * `{name}`-style placeholders are filled by `format()`.
 */
export type PortalStrings = typeof en;

/** Forms of a text that depends on a count, by the language's plural category ("one", "other"). */
export interface PluralForms {
  one: string;
  other: string;
}

/** The form for `count` in `language`, with `{count}` filled. */
export function plural(forms: PluralForms, count: number, language: string): string {
  const category = new Intl.PluralRules(language).select(count);
  return format(category === 'one' ? forms.one : forms.other, { count });
}

/** Fills `{key}` placeholders; unknown keys stay as they are. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all));
}
