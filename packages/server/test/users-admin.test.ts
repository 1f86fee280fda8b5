import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { apiAs, buildAdminHub, errorOf, newUserBody, queryString, strongPassword, type UserListView, type UserView } from './admin-helpers.js';
import { seedAccount, seedUser, signIn, startSmtpServer } from './helper.js';

/** Staff user administration through the API, as an account's administrator uses it. */

async function adminSession(options: { smtpUrl?: string; seatCount?: number } = {}) {
  const hub = await buildAdminHub(options.smtpUrl ? { mail: { smtpUrl: options.smtpUrl } } : {});
  const seeded = await seedAccount(hub, { seatCount: options.seatCount ?? 25 });
  const api = apiAs(hub, await signIn(hub, seeded.admin.email, seeded.password));
  return { hub, api, ...seeded };
}

async function create(api: ReturnType<typeof apiAs>, fields: Parameters<typeof newUserBody>[0] = {}) {
  const response = await api.post('/api/v1/users', newUserBody(fields));
  expect(response.statusCode, response.body).toBe(201);
  return response.json<UserView>();
}

async function list(api: ReturnType<typeof apiAs>, query: Record<string, string | number> = {}) {
  const response = await api.get(`/api/v1/users?${queryString(query)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<UserListView>();
}

async function canSignIn(hub: FastifyInstance, email: string, password: string): Promise<boolean> {
  const response = await hub.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  return response.statusCode === 200;
}

describe('creating staff users', () => {
  it('creates the user (201) and e-mails an invitation whose link lets them choose a password and sign in', async () => {
    const smtp = await startSmtpServer();
    const { hub, api } = await adminSession({ smtpUrl: smtp.url });

    const user = await create(api, {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace.hopper@example.com',
      role: 'supervisor',
      nativeLanguage: 'nl-BE',
    });
    expect(user).toMatchObject({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace.hopper@example.com',
      role: 'supervisor',
      nativeLanguage: 'nl-BE',
      active: true,
      hasPassword: false,
      locked: false,
    });
    expect(user).not.toHaveProperty('passwordHash');
    expect((await api.get(`/api/v1/users/${user.id}`)).json()).toEqual(user);

    // The link points at the hub's public URL.
    const mail = await smtp.waitForMail('grace.hopper@example.com');
    expect(mail.link).toMatch(/^http:\/\/hub\.test\/portal\/set-password#token=/);
    expect(mail.raw).toContain('Hello Grace');

    const password = strongPassword();
    const set = await hub.inject({
      method: 'POST',
      url: '/api/v1/auth/set-password',
      payload: { token: mail.token, password },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(await canSignIn(hub, 'Grace.Hopper@Example.com', password)).toBe(true);
    expect((await api.get(`/api/v1/users/${user.id}`)).json()).toMatchObject({ hasPassword: true });
  });

  it('refuses an e-mail address already used in the account, whatever its case, with 409 email_taken', async () => {
    const { hub, api, account } = await adminSession();
    const first = await create(api, { email: 'carol@example.com' });

    for (const email of ['carol@example.com', 'Carol@Example.COM', 'CAROL@EXAMPLE.COM']) {
      const again = await api.post('/api/v1/users', newUserBody({ email }));
      expect(errorOf(again), email).toMatchObject({ status: 409, code: 'email_taken' });
    }
    // Changing another user's address to it is refused the same way.
    const other = await create(api);
    const renamed = await api.patch(`/api/v1/users/${other.id}`, { email: 'CAROL@example.com' });
    expect(errorOf(renamed)).toMatchObject({ status: 409, code: 'email_taken' });

    const carols = (await hub.users.findForSignIn('carol@example.com', account.id)).map((u) => u.id);
    expect(carols).toEqual([first.id]);
  });

  it.each([
    ['a missing e-mail', { email: undefined }, 'email'],
    ['a malformed e-mail', { email: 'not-an-address' }, 'email'],
    ['a blank first name', { firstName: '   ' }, 'firstName'],
    ['an empty last name', { lastName: '' }, 'lastName'],
    ['a last name of 101 characters', { lastName: 'x'.repeat(101) }, 'lastName'],
    ['an unknown role', { role: 'owner' }, 'role'],
    ['a language that is not a language tag', { nativeLanguage: 'English' }, 'nativeLanguage'],
    ['a non-boolean active flag', { active: 'maybe' }, 'active'],
  ])('refuses %s with 400 and a message naming the field', async (_what, fields, field) => {
    const { hub, api, account } = await adminSession();
    const body = newUserBody(fields);
    for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];

    const response = await api.post('/api/v1/users', body);
    const error = errorOf(response);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.message).toContain(field);
    expect(await hub.users.countActive(account.id)).toBe(1);
  });

  it('refuses fields it does not know, and an empty change, with 400', async () => {
    const { api, admin } = await adminSession();
    const unknown = await api.post('/api/v1/users', newUserBody({ password: 'chosen-by-the-admin' }));
    expect(errorOf(unknown)).toMatchObject({ status: 400, code: 'validation_failed' });
    const empty = await api.patch(`/api/v1/users/${admin.id}`, {});
    expect(errorOf(empty)).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});

describe('listing, searching and sorting staff users', () => {
  it('pages through the list with page, pageSize and total, each user exactly once', async () => {
    const { api } = await adminSession();
    for (let i = 0; i < 6; i += 1) await create(api, { lastName: `Pager${i}` });

    const pages = [1, 2, 3].map((page) => list(api, { page, pageSize: 3 }));
    const [one, two, three] = await Promise.all(pages);
    expect([one, two, three].map((p) => ({ page: p!.page, pageSize: p!.pageSize, total: p!.total, n: p!.items.length }))).toEqual([
      { page: 1, pageSize: 3, total: 7, n: 3 },
      { page: 2, pageSize: 3, total: 7, n: 3 },
      { page: 3, pageSize: 3, total: 7, n: 1 },
    ]);
    const ids = [one, two, three].flatMap((p) => p!.items.map((u) => u.id));
    expect(new Set(ids).size).toBe(7);

    const beyond = await list(api, { page: 4, pageSize: 3 });
    expect(beyond).toMatchObject({ items: [], total: 7, page: 4 });

    const defaults = await list(api);
    expect(defaults).toMatchObject({ page: 1, pageSize: 25, total: 7 });
  });

  it.each([
    ['page', { page: 0 }],
    ['pageSize', { pageSize: 0 }],
    ['pageSize', { pageSize: 101 }],
    ['sort', { sort: 'passwordHash' }],
    ['order', { order: 'sideways' }],
  ])('refuses a wrong %s with 400 naming it', async (field, query) => {
    const { api } = await adminSession();
    const error = errorOf(await api.get(`/api/v1/users?${queryString(query)}`));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.message).toContain(field);
  });

  it('finds users by part of their first name, last name or e-mail, ignoring case and accents', async () => {
    const { api } = await adminSession();
    const elodie = await create(api, { firstName: 'Élodie', lastName: 'Dubois', email: 'e.dubois@example.com' });
    const marc = await create(api, { firstName: 'Marc', lastName: 'Van Der Berg', email: 'mvdb@example.org' });
    const noor = await create(api, { firstName: 'Noor', lastName: 'Janssens', email: 'NOOR@Support.example' });

    const found = async (search: string) =>
      (await list(api, { search }))
        .items.map((u) => u.id)
        .filter((id) => [elodie.id, marc.id, noor.id].includes(id));
    expect(await found('élodie')).toEqual([elodie.id]);
    expect(await found('ELODIE')).toEqual([elodie.id]);
    expect(await found('lod')).toEqual([elodie.id]);
    expect(await found('der b')).toEqual([marc.id]);
    expect(await found('DUBOIS')).toEqual([elodie.id]);
    expect(await found('example.org')).toEqual([marc.id]);
    expect(await found('support.EXAMPLE')).toEqual([noor.id]);
    expect(await found('nobody-like-this')).toEqual([]);
    // The total counts the matches, not the account.
    expect((await list(api, { search: 'janssens' })).total).toBe(1);
  });

  it('searches for % and _ literally instead of as wildcards', async () => {
    const { api } = await adminSession();
    const percent = await create(api, { lastName: '100% Sure' });
    const underscore = await create(api, { lastName: 'Under_Score' });
    const lookalike = await create(api, { lastName: 'UnderXScore' });
    const backslash = await create(api, { lastName: 'Back\\Slash' });

    const ids = async (search: string) => (await list(api, { search })).items.map((u) => u.id).sort();
    expect(await ids('%')).toEqual([percent.id]);
    expect(await ids('0% s')).toEqual([percent.id]);
    expect(await ids('r_s')).toEqual([underscore.id]);
    expect(await ids('_')).toEqual([underscore.id]);
    expect(await ids('k\\s')).toEqual([backslash.id]);
    expect(await ids('rxs')).toEqual([lookalike.id]);
  });

  it('sorts by firstName, lastName, email, role and nativeLanguage, ascending and descending, ignoring case', async () => {
    const { api, admin } = await adminSession();
    // Values chosen so every field gives a different order, with lower- and upper-case mixed.
    await create(api, { firstName: 'bruno', lastName: 'Zola', email: 'c.zola@example.com', role: 'agent', nativeLanguage: 'nl' });
    await create(api, { firstName: 'Alice', lastName: 'yates', email: 'D.Yates@example.com', role: 'supervisor', nativeLanguage: 'fr' });
    await create(api, { firstName: 'Élodie', lastName: 'Xavier', email: 'b.xavier@example.com', role: 'analyst', nativeLanguage: 'de' });
    await create(api, { firstName: 'chloé', lastName: 'Wouters', email: 'E.wouters@example.com', role: 'agent', nativeLanguage: 'it' });
    const everyone = (await list(api, { pageSize: 100 })).items;
    expect(everyone.map((u) => u.id)).toContain(admin.id);

    // An independent idea of the right order: base letters compared without case or accents,
    // ties by id (the hub's tie-breaker, so pages never overlap).
    const expected = (field: keyof UserView, order: 'asc' | 'desc') =>
      [...everyone]
        .sort((x, y) => {
          const byField = String(x[field]).localeCompare(String(y[field]), 'en', { sensitivity: 'base' });
          return (order === 'asc' ? byField : -byField) || x.id.localeCompare(y.id);
        })
        .map((u) => `${u[field]}`);

    for (const field of ['firstName', 'lastName', 'email', 'role', 'nativeLanguage'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const got = (await list(api, { sort: field, order, pageSize: 100 })).items.map((u) => `${u[field]}`);
        expect({ field, order, got }).toEqual({ field, order, got: expected(field, order) });
      }
    }
    // Without a sort, the list is by last name.
    expect((await list(api)).items.map((u) => u.lastName)).toEqual(expected('lastName', 'asc'));
  });
});

describe('changing, deactivating and deleting staff users', () => {
  it('changes names, e-mail, role and language, and shows the change', async () => {
    const { api } = await adminSession();
    const user = await create(api, { role: 'agent' });

    const response = await api.patch(`/api/v1/users/${user.id}`, {
      firstName: 'Katherine',
      lastName: 'Johnson',
      email: 'k.johnson@example.com',
      role: 'analyst',
      nativeLanguage: 'fr',
    });
    expect(response.statusCode, response.body).toBe(200);
    const changed = response.json<UserView>();
    expect(changed).toMatchObject({
      id: user.id,
      firstName: 'Katherine',
      lastName: 'Johnson',
      email: 'k.johnson@example.com',
      role: 'analyst',
      nativeLanguage: 'fr',
      createdAt: user.createdAt,
    });
    expect(Date.parse(changed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(user.updatedAt));
    expect((await api.get(`/api/v1/users/${user.id}`)).json()).toEqual(changed);
    expect(errorOf(await api.patch('/api/v1/users/no-such-user', { firstName: 'X' }))).toMatchObject({
      status: 404,
      code: 'user_not_found',
    });
  });

  it('deactivation ends the user’s sessions and refuses their sign-in; reactivation lets them back in', async () => {
    const { hub, api, account } = await adminSession();
    const { user, password } = await seedUser(hub, account.id, { role: 'agent' });
    const theirApi = apiAs(hub, await signIn(hub, user.email, password));
    expect((await theirApi.get('/api/v1/auth/session')).statusCode).toBe(200);

    const off = await api.patch(`/api/v1/users/${user.id}`, { active: false });
    expect(off.json()).toMatchObject({ active: false });
    expect(errorOf(await theirApi.get('/api/v1/auth/session'))).toMatchObject({ status: 401 });
    expect(await canSignIn(hub, user.email, password)).toBe(false);
    // Still listed, so it can be switched back on.
    expect((await list(api, { search: user.email })).items).toEqual([expect.objectContaining({ id: user.id, active: false })]);

    const on = await api.patch(`/api/v1/users/${user.id}`, { active: true });
    expect(on.json()).toMatchObject({ active: true });
    expect(await canSignIn(hub, user.email, password)).toBe(true);
    // The session from before the deactivation stays ended.
    expect((await theirApi.get('/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('does not invite a user created inactive, and invites them when they are activated', async () => {
    const smtp = await startSmtpServer();
    const { api } = await adminSession({ smtpUrl: smtp.url });
    const later = await create(api, { email: 'later@example.com', active: false });
    expect(later.active).toBe(false);
    // Background invitations go out in order: once the next user's has arrived, an invitation
    // for the inactive one would have too.
    await create(api, { email: 'now@example.com' });
    await smtp.waitForMail('now@example.com');
    expect(smtp.mails.filter((m) => m.to.includes('later@example.com'))).toEqual([]);

    expect((await api.patch(`/api/v1/users/${later.id}`, { active: true })).statusCode).toBe(200);
    const mail = await smtp.waitForMail('later@example.com');
    expect(mail.link).toContain('/portal/set-password#token=');
  });

  it('deletes a user: 204, gone from reads and lists, their session ends, a second delete is 404', async () => {
    const { hub, api, account } = await adminSession();
    const { user, password } = await seedUser(hub, account.id, { role: 'supervisor' });
    const theirApi = apiAs(hub, await signIn(hub, user.email, password));

    const deleted = await api.delete(`/api/v1/users/${user.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect(errorOf(await api.get(`/api/v1/users/${user.id}`))).toMatchObject({ status: 404, code: 'user_not_found' });
    expect((await list(api, { pageSize: 100 })).items.map((u) => u.id)).not.toContain(user.id);
    expect((await theirApi.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect(await canSignIn(hub, user.email, password)).toBe(false);
    expect(errorOf(await api.delete(`/api/v1/users/${user.id}`))).toMatchObject({ status: 404, code: 'user_not_found' });
  });

  it('e-mails a user a new set-password link on request (202), but not an inactive one (404)', async () => {
    const smtp = await startSmtpServer();
    const { hub, api, account } = await adminSession({ smtpUrl: smtp.url });
    const { user } = await seedUser(hub, account.id, { role: 'agent', email: 'reset-me@example.com' });

    const response = await api.post(`/api/v1/users/${user.id}/password-link`);
    expect(response.statusCode, response.body).toBe(202);
    expect(Date.parse(response.json<{ expiresAt: string }>().expiresAt)).toBeGreaterThan(Date.now());
    expect((await smtp.waitForMail('reset-me@example.com')).link).toContain('#token=');

    await api.patch(`/api/v1/users/${user.id}`, { active: false });
    expect(errorOf(await api.post(`/api/v1/users/${user.id}/password-link`))).toMatchObject({ status: 404 });
  });
});
