import { describe, expect, test } from 'vitest';
import '../src/auth/sign-in-page.js';
import '../src/auth/forgot-password-page.js';
import { createApi } from '../src/api/index.js';
import { LocaleStore } from '../src/i18n/locale-store.js';
import { SessionStore } from '../src/state/session-store.js';
import { fakeHub } from './fake-hub.js';
import { $, find, mount, session, settle, submit, text, type } from './helpers.js';

async function signInPage() {
  const hub = fakeHub();
  const api = createApi();
  const store = new SessionStore(api.auth);
  const locale = new LocaleStore('en');
  const el = await mount('sign-in-page', { session: store, locale });
  const fill = async (email: string, password: string) => {
    type($<HTMLInputElement>(el, '#email'), email);
    type($<HTMLInputElement>(el, '#password'), password);
    submit($<HTMLFormElement>(el, 'form'));
    await settle(el);
  };
  return { hub, el, store, locale, fill };
}

describe('sign-in', () => {
  test('labels every field and signs in with e-mail and password', async () => {
    const { hub, el, store, fill } = await signInPage();
    expect(text($(el, 'label[for="email"]'))).toBe('E-mail address');
    expect(text($(el, 'label[for="password"]'))).toBe('Password');
    expect($(el, '#password').getAttribute('autocomplete')).toBe('current-password');
    hub.on('POST', '/auth/sign-in', { status: 200, body: session('agent') });
    await fill('mia@example.com', 'correct horse');
    expect(hub.callsTo('POST', '/auth/sign-in')[0]!.body).toEqual({ email: 'mia@example.com', password: 'correct horse' });
    expect(store.session?.user.firstName).toBe('Mia');
  });

  test('wrong credentials: the translated message in an alert', async () => {
    const { hub, el, store, fill } = await signInPage();
    hub.on('POST', '/auth/sign-in', { status: 401, body: { code: 'invalid_credentials', message: 'The e-mail address or the password is wrong.' } });
    await fill('mia@example.com', 'nope');
    const alert = $(el, '[role="alert"]');
    expect(text(alert)).toBe('The e-mail address or the password is wrong.');
    expect(store.value.status).toBe('loading');
  });

  test('locked: says to follow the mailed link or use Forgot password, with the link', async () => {
    const { hub, el, fill } = await signInPage();
    hub.on('POST', '/auth/sign-in', { status: 423, body: { code: 'account_locked', message: 'locked' } });
    await fill('mia@example.com', 'nope');
    const alert = $(el, '[role="alert"]');
    expect(text(alert)).toContain('Follow the link we sent you by e-mail');
    expect(alert.querySelector('a')!.getAttribute('href')).toBe('/portal/forgot-password');
  });

  test('account_required: asks for the account short name and retries with it', async () => {
    const { hub, el, store, fill } = await signInPage();
    expect(find(el, '#account')).toBeNull();
    hub.on('POST', '/auth/sign-in', (call) =>
      (call.body as { account?: string }).account === 'acme'
        ? { status: 200, body: session('agent') }
        : { status: 400, body: { code: 'account_required', message: 'say which' } },
    );
    await fill('mia@example.com', 'secret secret');
    expect(text($(el, '[role="alert"]'))).toContain('belongs to several accounts');
    const account = $<HTMLInputElement>(el, '#account');
    expect(text($(el, 'label[for="account"]'))).toBe('Account short name');
    expect(el.shadowRoot!.activeElement).toBe(account);

    type(account, 'acme');
    submit($<HTMLFormElement>(el, 'form'));
    await settle(el);
    expect(hub.callsTo('POST', '/auth/sign-in')[1]!.body).toEqual({ email: 'mia@example.com', password: 'secret secret', account: 'acme' });
    expect(store.session).not.toBeNull();
  });

  test('rate limited and unknown codes: translated, or the hub’s own message', async () => {
    const { hub, el, fill } = await signInPage();
    hub.on('POST', '/auth/sign-in', { status: 429, body: { code: 'rate_limited', message: 'slow down' } });
    await fill('mia@example.com', 'x');
    expect(text($(el, '[role="alert"]'))).toBe('Too many attempts. Wait a moment and try again.');
    hub.on('POST', '/auth/sign-in', { status: 400, body: { code: 'something_new', message: 'A message from the hub.' } });
    await fill('mia@example.com', 'x');
    expect(text($(el, '[role="alert"]'))).toBe('A message from the hub.');
  });

  test('empty fields are caught before asking the hub', async () => {
    const { hub, el, fill } = await signInPage();
    await fill('', '');
    expect(hub.calls).toHaveLength(0);
    expect(text($(el, '[role="alert"]'))).toBe('Enter your e-mail address and your password.');
  });

  test('after signing in, the language follows the user’s native language', async () => {
    const { hub, locale, fill } = await signInPage();
    hub.on('POST', '/auth/sign-in', { status: 200, body: session('agent', { nativeLanguage: 'nl-BE' }) });
    await fill('mia@example.com', 'correct horse');
    expect(locale.value.language).toBe('nl');
    expect(document.documentElement.lang).toBe('nl');
  });
});

describe('forgot password', () => {
  test('sends the address and says a link is on its way', async () => {
    const hub = fakeHub().on('POST', '/auth/forgot-password', { status: 202, body: { message: 'If this address…' } });
    const el = await mount('forgot-password-page', { api: createApi(), locale: new LocaleStore('en') });
    type($<HTMLInputElement>(el, '#email'), 'mia@example.com');
    submit($<HTMLFormElement>(el, 'form'));
    await settle(el);
    expect(hub.callsTo('POST', '/auth/forgot-password')[0]!.body).toEqual({ email: 'mia@example.com' });
    expect(text($(el, '[role="status"]'))).toContain('a link is on its way');
  });
});
