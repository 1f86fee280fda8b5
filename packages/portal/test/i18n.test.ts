import { describe, expect, test } from 'vitest';
import '../src/auth/sign-in-page.js';
import { errorText } from '../src/i18n/error-text.js';
import { DICTIONARIES, format, languageOf } from '../src/i18n/index.js';
import { LocaleStore } from '../src/i18n/locale-store.js';
import { $, mount, text } from './helpers.js';

/** Every leaf path of a nested dictionary, e.g. `signIn.title`. */
function paths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => paths(child, prefix ? `${prefix}.${key}` : key));
}

function leaves(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? Object.values(value).flatMap(leaves) : [String(value)];
}

describe('dictionaries', () => {
  test('French and Dutch have every text English has, none empty, with the same placeholders', () => {
    const reference = paths(DICTIONARIES.en).sort();
    for (const [language, dictionary] of Object.entries(DICTIONARIES)) {
      expect(paths(dictionary).sort(), language).toEqual(reference);
      for (const value of leaves(dictionary)) expect(value.trim(), language).not.toBe('');
    }
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    const en = leaves(DICTIONARIES.en);
    for (const language of ['fr', 'nl'] as const) {
      leaves(DICTIONARIES[language]).forEach((value, i) => expect(placeholders(value), `${language}: ${value}`).toEqual(placeholders(en[i]!)));
    }
  });

  test('languageOf maps BCP 47 tags to the portal’s languages', () => {
    expect(languageOf('fr-BE')).toBe('fr');
    expect(languageOf('nl_NL')).toBe('nl');
    expect(languageOf('EN')).toBe('en');
    expect(languageOf('de')).toBeNull();
    expect(languageOf('constructor')).toBeNull();
    expect(languageOf(undefined)).toBeNull();
  });

  test('errors: known codes translated, others the hub’s message', () => {
    expect(errorText(DICTIONARIES.nl, { code: 'seat_limit_reached', message: 'x' })).toContain('Alle plaatsen');
    expect(errorText(DICTIONARIES.fr, { code: 'already_taken', message: 'x' })).toBe('Quelqu’un d’autre a pris cette conversation avant vous.');
    expect(errorText(DICTIONARIES.fr, { code: 'toString', message: 'from the hub' })).toBe('from the hub');
    expect(errorText(DICTIONARIES.en, { code: 'validation_failed', message: 'body.email: must match format "email"' })).toBe('body.email: must match format "email"');
  });

  test('format fills placeholders', () => {
    expect(format('{a} of {b} {c}', { a: 1, b: 'two' })).toBe('1 of two {c}');
  });
});

describe('locale store', () => {
  test('the user’s native language after sign-in; a switch in the tab wins until the next sign-in', () => {
    const locale = new LocaleStore('en');
    locale.follow('nl-BE');
    expect(locale.value.language).toBe('nl');
    locale.choose('fr');
    locale.follow('nl-BE');
    expect(locale.value.language).toBe('fr');
    locale.signedIn('nl');
    expect(locale.value.language).toBe('nl');
    locale.follow('de');
    expect(locale.value.language).toBe('nl');
  });
});

describe('views speak French and Dutch', () => {
  test('sign-in in French', async () => {
    const el = await mount('sign-in-page', { locale: new LocaleStore('fr') });
    expect(text($(el, 'h1'))).toBe('Connexion');
    expect(text($(el, 'label[for="password"]'))).toBe('Mot de passe');
    expect(text($(el, 'button'))).toBe('Se connecter');
  });

  test('sign-in in Dutch, and it follows a switch', async () => {
    const locale = new LocaleStore('nl');
    const el = await mount('sign-in-page', { locale });
    expect(text($(el, 'h1'))).toBe('Aanmelden');
    expect(text($(el, 'a'))).toBe('Wachtwoord vergeten?');
    locale.choose('en');
    await el.updateComplete;
    expect(text($(el, 'h1'))).toBe('Sign in');
  });
});
