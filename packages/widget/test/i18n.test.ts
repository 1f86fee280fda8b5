import { describe, expect, test } from 'vitest';
import { DICTIONARIES, format, stringsFor } from '../src/i18n/index.js';
import { $, mount } from './helpers.js';

describe('dictionaries', () => {
  test('every language has every string', () => {
    const keys = Object.keys(DICTIONARIES.en!).sort();
    for (const [language, strings] of Object.entries(DICTIONARIES)) {
      expect(Object.keys(strings).sort(), language).toEqual(keys);
      for (const value of Object.values(strings)) expect(value, language).not.toBe('');
    }
  });

  test('picks the language from a BCP 47 tag, English otherwise', () => {
    expect(stringsFor('fr-BE')).toBe(DICTIONARIES.fr);
    expect(stringsFor('nl_NL')).toBe(DICTIONARIES.nl);
    expect(stringsFor('NL')).toBe(DICTIONARIES.nl);
    expect(stringsFor('de')).toBe(DICTIONARIES.en);
    expect(stringsFor('constructor')).toBe(DICTIONARIES.en);
    expect(stringsFor(undefined)).toBe(DICTIONARIES.en);
  });

  test('overrides replace single strings', () => {
    expect(stringsFor('fr', { send: 'Go' })).toMatchObject({ send: 'Go', closeChat: 'Fermer la discussion' });
  });

  test('format fills placeholders and leaves unknown ones', () => {
    expect(format('{name} is typing… {other}', { name: '{other}' })).toBe('{other} is typing… {other}');
  });
});

describe('the element speaks the locale', () => {
  test('French for fr-BE', async () => {
    const { el, client } = await mount({ locale: 'fr-BE', open: true });
    client.update({ typing: { kind: 'user', name: 'Anna' }, unread: 0 });
    await el.updateComplete;
    expect($(el, '[part="launcher"]').getAttribute('aria-label')).toBe('Fermer la discussion');
    expect($(el, 'textarea').getAttribute('placeholder')).toBe('Écrivez un message…');
    expect($(el, '[part="send-button"]').getAttribute('aria-label')).toBe('Envoyer');
    expect($(el, '.typing').textContent).toBe('Anna est en train d’écrire…');
    expect($(el, '.root').getAttribute('lang')).toBe('fr-BE');
  });

  test('Dutch for nl', async () => {
    const { el, client } = await mount({ locale: 'nl' });
    client.update({ unread: 2, channel: null });
    await el.updateComplete;
    expect($(el, '[part="launcher"]').getAttribute('aria-label')).toBe('Chat openen, 2 ongelezen');
    expect($(el, '.greeting').textContent).toBe('Hallo! Waarmee kunnen we helpen?');
  });

  test('defaults to the page language', async () => {
    document.documentElement.lang = 'nl-BE';
    const el = document.createElement('interact-chat');
    expect(el.locale).toBe('nl-BE');
    document.body.append(el);
    await el.updateComplete;
    expect($(el, '.greeting').textContent).toBe('Hallo! Waarmee kunnen we helpen?');
  });

  test('strings can be overridden', async () => {
    const { el } = await mount({ open: true, strings: { placeholder: 'Ask us' } });
    expect($(el, 'textarea').getAttribute('placeholder')).toBe('Ask us');
  });
});
