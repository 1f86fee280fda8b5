import { describe, expect, test, vi } from 'vitest';
import '../src/auth/set-password-page.js';
import { takeTokenFromLocation } from '../src/auth/set-password-page.js';
import { createApi } from '../src/api/index.js';
import { LocaleStore } from '../src/i18n/locale-store.js';
import { Router } from '../src/state/router.js';
import { SessionStore } from '../src/state/session-store.js';
import { fakeHub } from './fake-hub.js';
import { $, mount, session, settle, submit, text, type } from './helpers.js';

const TOKEN = 'tok_0123456789abcdef';

async function page(purpose: 'invite' | 'reset' | 'unlock', language: 'en' | 'fr' | 'nl' = 'en') {
  const hub = fakeHub().on('POST', '/auth/password-links/inspect', { status: 200, body: { purpose, firstName: 'Ann', email: 'ann@example.com' } });
  const api = createApi();
  const store = new SessionStore(api.auth);
  const router = new Router();
  const el = await mount('set-password-page', { api, session: store, router, token: TOKEN, locale: new LocaleStore(language) });
  await settle(el);
  const choose = async (password: string, confirm = password) => {
    type($<HTMLInputElement>(el, '#password'), password);
    type($<HTMLInputElement>(el, '#confirm'), confirm);
    submit($<HTMLFormElement>(el, 'form'));
    await settle(el);
  };
  return { hub, el, store, router, choose };
}

describe('set password', () => {
  test.each([
    ['invite', 'Welcome, Ann!', 'You have been invited', 'Activate and sign in'],
    ['reset', 'Hello Ann', 'reset your password', 'Save the password and sign in'],
    ['unlock', 'Hello Ann', 'Choose a new password to unlock it', 'Unlock and sign in'],
  ] as const)('greets by first name and says why: %s', async (purpose, greeting, why, button) => {
    const { hub, el } = await page(purpose);
    expect(hub.callsTo('POST', '/auth/password-links/inspect')[0]!.body).toEqual({ token: TOKEN });
    expect(text($(el, 'h1'))).toBe(greeting);
    expect(text($(el, '.purpose'))).toContain(why);
    expect(text($(el, 'button[type="submit"]'))).toBe(button);
    expect(text($(el, 'label[for="password"]'))).toBe('New password');
    expect(text($(el, 'label[for="confirm"]'))).toBe('Repeat the password');
  });

  test('the two passwords must match', async () => {
    const { hub, el, choose } = await page('invite');
    await choose('long enough password', 'something else');
    expect(text($(el, '#confirm-error'))).toBe('The two passwords are not the same.');
    expect($(el, '#confirm').getAttribute('aria-invalid')).toBe('true');
    expect(hub.callsTo('POST', '/auth/set-password')).toHaveLength(0);
  });

  test('shows the hub’s reason for a weak password by the field', async () => {
    const { hub, el, choose } = await page('reset');
    hub.on('POST', '/auth/set-password', { status: 400, body: { code: 'weak_password', message: 'Use at least 12 characters.' } });
    await choose('short');
    expect(text($(el, '#password-error'))).toBe('This password is too weak: Use at least 12 characters.');
    expect($(el, '#password').getAttribute('aria-describedby')).toContain('password-error');
    expect(el.shadowRoot!.activeElement?.id).toBe('password');
  });

  test('a good password signs in and goes to the start page', async () => {
    const { hub, store, router, choose } = await page('invite');
    hub.on('POST', '/auth/set-password', { status: 200, body: session('agent') });
    const go = vi.spyOn(router, 'go');
    await choose('a long and unusual password');
    expect(hub.callsTo('POST', '/auth/set-password')[0]!.body).toEqual({ token: TOKEN, password: 'a long and unusual password' });
    expect(store.session?.user.id).toBe('u-me');
    expect(go).toHaveBeenCalledWith({ name: 'home' }, { replace: true });
  });

  test('an invalid or used link says so and offers a new one', async () => {
    fakeHub().on('POST', '/auth/password-links/inspect', { status: 400, body: { code: 'invalid_link', message: 'gone' } });
    const el = await mount('set-password-page', { api: createApi(), token: TOKEN, locale: new LocaleStore('en') });
    await settle(el);
    expect(text($(el, 'h1'))).toBe('This link cannot be used');
    expect(text($(el, '[role="alert"]'))).toBe('This link is not valid any more. Ask for a new one.');
    expect($(el, 'a').getAttribute('href')).toBe('/portal/forgot-password');
  });

  test('speaks French and Dutch', async () => {
    const fr = await page('unlock', 'fr');
    expect(text($(fr.el, 'h1'))).toBe('Bonjour Ann');
    expect(text($(fr.el, 'button[type="submit"]'))).toBe('Débloquer et se connecter');
    const nl = await page('invite', 'nl');
    expect(text($(nl.el, 'h1'))).toBe('Welkom, Ann!');
  });

  test('the token comes from the fragment and is removed from the address', () => {
    window.history.replaceState(null, '', `/portal/set-password#token=${TOKEN}`);
    expect(takeTokenFromLocation()).toBe(TOKEN);
    expect(window.location.hash).toBe('');
    expect(window.location.pathname).toBe('/portal/set-password');
  });
});
