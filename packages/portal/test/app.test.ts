import { afterEach, describe, expect, test } from 'vitest';
import '../src/app/portal-app.js';
import { createServices } from '../src/app/services.js';
import type { Role } from '../src/api/types.js';
import { fakeHub } from './fake-hub.js';
import { FakeStaffClient } from './fake-staff-client.js';
import { $, find, findAll, mount, session, settle, text } from './helpers.js';

const running: Array<() => void> = [];
afterEach(() => running.splice(0).forEach((stop) => stop()));

async function app(path: string, role: Role | null, nativeLanguage = 'en') {
  window.history.replaceState(null, '', path);
  const hub = fakeHub()
    .on('GET', '/auth/session', role ? { status: 200, body: session(role, { nativeLanguage }) } : { status: 401, body: { code: 'unauthenticated', message: 'Sign in first.' } })
    .on('GET', '/users', { status: 200, body: { items: [], total: 0, page: 1, pageSize: 25 } })
    .on('GET', '/account', { status: 200, body: session('administrator').account });
  const clients: FakeStaffClient[] = [];
  const services = createServices({
    createClient: () => {
      const client = new FakeStaffClient();
      clients.push(client);
      return client;
    },
  });
  const el = await mount('portal-app', { services });
  const stop = services.start();
  running.push(stop);
  await settle(el, 6);
  const nav = () => findAll(el, 'portal-header nav a').map((a) => a.getAttribute('href'));
  return { hub, el, services, clients, nav, stop };
}

describe('the portal shell', () => {
  test('signed out: any page sends to sign-in, and back to it after signing in', async () => {
    const { hub, el, services } = await app('/portal/users', null);
    expect(window.location.pathname).toBe('/portal/sign-in');
    expect(find(el, 'sign-in-page')).not.toBeNull();
    expect(find(el, 'portal-header')).toBeNull();
    hub.on('POST', '/auth/sign-in', { status: 200, body: session('administrator') });
    await services.session.signIn({ email: 'mia@example.com', password: 'x' });
    await settle(el, 6);
    expect(window.location.pathname).toBe('/portal/users');
    expect(find(el, 'users-page')).not.toBeNull();
  });

  test('landmarks: header with navigation, main, and a live region', async () => {
    const { el } = await app('/portal/inbox', 'agent');
    const header = $(el, 'portal-header');
    expect(find(header, 'header')).not.toBeNull();
    expect($(header, 'nav').getAttribute('aria-label')).toBe('Main');
    expect($(el, 'main').id).toBe('main');
    expect($(el, '#announcer').getAttribute('aria-live')).toBe('polite');
    expect(text($(el, '.skip'))).toBe('Skip to content');
  });

  test('an agent works the inbox and has no users page', async () => {
    const { el, nav, clients } = await app('/portal/', 'agent');
    expect(window.location.pathname).toBe('/portal/inbox');
    expect(nav()).toEqual(['/portal/inbox']);
    expect(find(el, 'inbox-page')).not.toBeNull();
    expect(clients).toHaveLength(1);
    expect(clients[0]!.connect).toHaveBeenCalledOnce();

    window.history.pushState(null, '', '/portal/users');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle(el);
    expect(find(el, 'users-page')).toBeNull();
    expect(text($(el, 'main h1'))).toBe('Not available for your role');
  });

  test('an analyst has no inbox: no link, no socket, and the route is refused', async () => {
    const { el, nav, clients } = await app('/portal/inbox', 'analyst');
    expect(nav()).toEqual(['/portal/']);
    expect(find(el, 'inbox-page')).toBeNull();
    expect(text($(el, 'main h1'))).toBe('Not available for your role');
    expect(clients).toHaveLength(0);
    expect(find($(el, 'portal-header'), '#sound')).toBeNull();
  });

  test('an administrator sees both, and links navigate without reloading', async () => {
    const { el, nav } = await app('/portal/inbox', 'administrator');
    expect(nav()).toEqual(['/portal/inbox', '/portal/users']);
    const users = $<HTMLAnchorElement>(el, '#nav-users');
    users.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, button: 0 }));
    await settle(el);
    expect(window.location.pathname).toBe('/portal/users');
    expect(find(el, 'users-page')).not.toBeNull();
    expect(users.getAttribute('aria-current')).toBe('page');
  });

  test('signing out closes the inbox and returns to sign-in; "everywhere" says so to the hub', async () => {
    const { hub, el, clients } = await app('/portal/inbox', 'agent');
    hub.on('POST', '/auth/sign-out', { status: 204 });
    $<HTMLButtonElement>(el, '#sign-out-everywhere').click();
    await settle(el, 6);
    expect(hub.calls.some((c) => c.method === 'POST' && c.url === '/auth/sign-out?everywhere=true')).toBe(true);
    expect(clients[0]!.disconnect).toHaveBeenCalled();
    expect(window.location.pathname).toBe('/portal/sign-in');
    expect(find(el, 'sign-in-page')).not.toBeNull();
    expect(document.title).toBe('#Interact');
  });

  test('a 401 on a later request ends the session and says why', async () => {
    const { hub, el, services } = await app('/portal/users', 'administrator');
    hub.on('GET', '/users', { status: 401, body: { code: 'unauthenticated', message: 'Sign in first.' } });
    await services.api.users.list({ search: '', sort: 'lastName', order: 'asc', page: 1, pageSize: 25 }).catch(() => {});
    await settle(el, 6);
    expect(window.location.pathname).toBe('/portal/sign-in');
    expect(text($(el, 'sign-in-page [role="status"]'))).toBe('Your session has ended. Please sign in again.');
  });

  test('the language follows the user, and the switch changes it', async () => {
    const { el } = await app('/portal/inbox', 'agent', 'fr-BE');
    expect(text($(el, '#nav-inbox'))).toBe('Boîte de réception');
    expect(document.documentElement.lang).toBe('fr');
    const select = $<HTMLSelectElement>(el, '#language');
    expect(text($(el, 'label[for="language"]'))).toBe('Langue');
    select.value = 'nl';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    expect(text($(el, '#nav-inbox'))).toBe('Inbox');
    expect(text($(el, '#tab-queue'))).toContain('Wachtrij');
  });

  test('the hub being unreachable offers to try again', async () => {
    window.history.replaceState(null, '', '/portal/');
    const hub = fakeHub().on('GET', '/auth/session', { status: 503, body: { code: 'not_ready', message: 'not ready' } });
    const services = createServices({ createClient: () => new FakeStaffClient() });
    const el = await mount('portal-app', { services });
    running.push(services.start());
    await settle(el);
    expect(text($(el, '[role="alert"] h1'))).toBe('The hub cannot be reached');
    hub.on('GET', '/auth/session', { status: 200, body: session('analyst') });
    $<HTMLButtonElement>(el, '[role="alert"] button').click();
    await settle(el, 6);
    expect(find(el, 'home-page')).not.toBeNull();
    expect(text($(el, 'home-page h1'))).toBe('Welcome, Mia');
  });
});
