import { describe, expect, test, vi } from 'vitest';
import '../src/users/users-page.js';
import { createApi } from '../src/api/index.js';
import type { User } from '../src/api/types.js';
import { LocaleStore } from '../src/i18n/locale-store.js';
import { SessionStore } from '../src/state/session-store.js';
import { fakeHub } from './fake-hub.js';
import { $, find, findAll, mount, session, settle, submit, text, type } from './helpers.js';

function user(id: string, first: string, last: string, patch: Partial<User> = {}): User {
  return {
    id,
    firstName: first,
    lastName: last,
    email: `${first.toLowerCase()}@example.com`,
    role: 'agent',
    nativeLanguage: 'fr',
    active: true,
    locked: false,
    hasPassword: true,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...patch,
  };
}

const USERS = [user('u-me', 'Mia', 'Maes', { role: 'administrator', nativeLanguage: 'en' }), user('u-2', 'Ann', 'Smith'), user('u-3', 'Bob', 'Vos', { hasPassword: false }), user('u-4', 'Dan', 'Dewit', { active: false })];

async function usersPage(total = 4) {
  const hub = fakeHub()
    .on('GET', '/users', (call) => ({ status: 200, body: { items: USERS, total, page: Number(new URL(call.url, 'http://x').searchParams.get('page')), pageSize: 25 } }))
    .on('GET', '/account', { status: 200, body: { ...session('administrator').account, seatCount: 5, seatsUsed: 3 } });
  const api = createApi();
  const store = new SessionStore(api.auth);
  store.adopt(session('administrator'));
  const el = await mount('users-page', { api, session: store, locale: new LocaleStore('en') });
  await settle(el);
  const listUrls = () => hub.callsTo('GET', '/users').map((c) => c.url);
  const row = (name: string) => findAll(el, 'tbody tr').find((r) => text(r).includes(name))!;
  const button = (scope: Element, label: string) => [...scope.querySelectorAll('button')].find((b) => text(b).startsWith(label)) as HTMLButtonElement;
  return { hub, el, listUrls, row, button };
}

describe('users page', () => {
  test('lists users with the seats in use', async () => {
    const { el, listUrls } = await usersPage();
    expect(listUrls()).toEqual(['/users?sort=lastName&order=asc&page=1&pageSize=25']);
    expect(text($(el, '.seats'))).toBe('3 of 5 seats used');
    expect(findAll(el, 'thead th').map(text)).toEqual(['First name', 'Last name▲', 'E-mail', 'Role', 'Native language', 'Status', 'Actions']);
    expect(findAll(el, 'tbody tr').map((r) => text(r.querySelector('td:nth-child(6)')))).toEqual(['Active', 'Active', 'Invited', 'Deactivated']);
    expect(text($(el, 'tbody tr td:nth-child(5)'))).toBe('English');
  });

  test('sorting by a column asks the hub, and again reverses', async () => {
    const { el, listUrls } = await usersPage();
    const email = $<HTMLButtonElement>(el, '#sort-email');
    email.click();
    await settle(el);
    expect(listUrls().at(-1)).toBe('/users?sort=email&order=asc&page=1&pageSize=25');
    expect(email.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    email.click();
    await settle(el);
    expect(listUrls().at(-1)).toBe('/users?sort=email&order=desc&page=1&pageSize=25');
    expect(email.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    expect($(el, '#sort-lastName').closest('th')!.getAttribute('aria-sort')).toBe('none');
  });

  test('search asks the hub after a pause, from the first page', async () => {
    const { el, listUrls } = await usersPage(60);
    $<HTMLButtonElement>(el, '.pager button:last-child').click();
    await settle(el);
    expect(listUrls().at(-1)).toBe('/users?sort=lastName&order=asc&page=2&pageSize=25');
    expect(text($(el, '.pager span'))).toBe('Page 2 of 3 · 60 users');

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    type($<HTMLInputElement>(el, '#search'), 'an');
    type($<HTMLInputElement>(el, '#search'), 'ann');
    vi.advanceTimersByTime(300);
    vi.useRealTimers();
    await settle(el);
    expect(listUrls().filter((u) => u.includes('search'))).toEqual(['/users?search=ann&sort=lastName&order=asc&page=1&pageSize=25']);
    expect(text($(el, 'label[for="search"]'))).toBe('Search users');
  });

  test('creating a user: duplicate e-mail shows by the field, seat limit above the buttons', async () => {
    const { hub, el, button } = await usersPage();
    button($(el, '.head'), 'New user').click();
    await settle(el);
    const dialog = $(el, 'user-dialog');
    expect(text($(dialog, 'h2'))).toBe('New user');
    type($<HTMLInputElement>(dialog, '#firstName'), 'Eve');
    type($<HTMLInputElement>(dialog, '#lastName'), 'Evers');
    type($<HTMLInputElement>(dialog, '#email'), 'ann@example.com');
    hub.on('POST', '/users', { status: 409, body: { code: 'email_taken', message: 'exists' } });
    submit($<HTMLFormElement>(dialog, 'form'));
    await settle(el);
    expect(hub.callsTo('POST', '/users')[0]!.body).toEqual({ firstName: 'Eve', lastName: 'Evers', email: 'ann@example.com', role: 'agent', nativeLanguage: 'en', active: true });
    expect(text($(dialog, '#email-error'))).toBe('A user with this e-mail address already exists.');

    hub.on('POST', '/users', { status: 409, body: { code: 'seat_limit_reached', message: 'seats' } });
    submit($<HTMLFormElement>(dialog, 'form'));
    await settle(el);
    expect(text($(dialog, '[role="alert"]'))).toBe('All seats of the account are in use. Deactivate a user first, or ask for more seats.');

    hub.on('POST', '/users', { status: 201, body: user('u-9', 'Eve', 'Evers') });
    type($<HTMLInputElement>(dialog, '#email'), 'eve@example.com');
    submit($<HTMLFormElement>(dialog, 'form'));
    await settle(el);
    expect(text($(el, '.success[role="status"]'))).toBe('Eve Evers was created; an invitation went to eve@example.com.');
  });

  test('editing oneself cannot change the role', async () => {
    const { el, row, button } = await usersPage();
    button(row('Mia'), 'Edit').click();
    await settle(el);
    const dialog = $(el, 'user-dialog');
    expect($<HTMLSelectElement>(dialog, '#role').disabled).toBe(true);
    expect(text($(dialog, '#role-hint'))).toBe('You cannot change your own role.');
    expect($<HTMLInputElement>(dialog, '#firstName').value).toBe('Mia');
    // No deactivate or delete for oneself.
    expect(button(row('Mia'), 'Deactivate')).toBeUndefined();
    expect(button(row('Mia'), 'Delete')).toBeUndefined();
  });

  test('deactivate, reactivate over the seat limit, and the last administrator', async () => {
    const { hub, el, row, button } = await usersPage();
    hub.on('PATCH', '/users/u-2', { status: 409, body: { code: 'last_administrator', message: 'x' } });
    button(row('Ann'), 'Deactivate').click();
    await settle(el);
    expect(hub.callsTo('PATCH', '/users/u-2')[0]!.body).toEqual({ active: false });
    expect(text($(el, '.alert[role="alert"]'))).toContain('at least one active administrator');

    hub.on('PATCH', '/users/u-4', { status: 409, body: { code: 'seat_limit_reached', message: 'x' } });
    button(row('Dan'), 'Reactivate').click();
    await settle(el);
    expect(hub.callsTo('PATCH', '/users/u-4')[0]!.body).toEqual({ active: true });
    expect(text($(el, '.alert[role="alert"]'))).toContain('All seats of the account are in use');

    hub.on('PATCH', '/users/u-4', { status: 200, body: user('u-4', 'Dan', 'Dewit') });
    button(row('Dan'), 'Reactivate').click();
    await settle(el);
    expect(text($(el, '.alert[role="alert"]'))).toBe('');
    expect(text($(el, '.success[role="status"]'))).toBe('Dan Dewit was reactivated.');
    expect(hub.callsTo('GET', '/account').length).toBeGreaterThan(1);
  });

  test('resend invitation and delete with confirmation', async () => {
    const { hub, el, row, button } = await usersPage();
    hub.on('POST', '/users/u-3/password-link', { status: 202, body: { message: 'sent' } });
    button(row('Bob'), 'Resend invitation').click();
    await settle(el);
    expect(hub.callsTo('POST', '/users/u-3/password-link')).toHaveLength(1);
    expect(text($(el, '.success[role="status"]'))).toBe('A new invitation went to bob@example.com.');

    hub.on('DELETE', '/users/u-2', { status: 204 });
    button(row('Ann'), 'Delete').click();
    await settle(el);
    const confirm = $(el, 'confirm-dialog');
    expect(text($(confirm, 'h2'))).toBe('Delete Ann Smith?');
    $<HTMLButtonElement>(confirm, '.cancel').click();
    await settle(el);
    expect(hub.callsTo('DELETE', '/users/u-2')).toHaveLength(0);

    button(row('Ann'), 'Delete').click();
    await settle(el);
    $<HTMLButtonElement>(confirm, '.confirm').click();
    await settle(el);
    expect(hub.callsTo('DELETE', '/users/u-2')).toHaveLength(1);
    expect(text($(el, '.success[role="status"]'))).toBe('Ann Smith was deleted.');
  });

  test('action buttons name the user for screen readers', async () => {
    const { el, row } = await usersPage();
    const edit = row('Ann').querySelector('button')!;
    expect(text(edit)).toBe('Edit Ann Smith');
    expect(find(el, 'caption')!.textContent).toContain('sorted by Last name, ascending');
  });
});
