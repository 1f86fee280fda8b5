import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { UserRow } from '../src/storage/schema.js';
import { apiAs, buildAdminHub, errorOf, newUserBody, type UserListView } from './admin-helpers.js';
import { seedAccount, seedUser, signIn, startSmtpServer } from './helper.js';

/**
 * Several customers share one hub; an administrator of account A must not be able to see or touch
 * anything of account B, nor learn that it exists. Ids of B answer exactly as unknown ids do.
 */

async function twoAccounts(options: { smtpUrl?: string } = {}) {
  const hub = await buildAdminHub(options.smtpUrl ? { mail: { smtpUrl: options.smtpUrl } } : {});
  const a = await seedAccount(hub, { name: 'Alpha' });
  const b = await seedAccount(hub, { name: 'Bravo' });
  const bAgent = await seedUser(hub, b.account.id, {
    role: 'agent',
    firstName: 'Bertha',
    lastName: 'Bravo-Only',
    email: 'bertha@bravo.example',
  });
  const aApi = apiAs(hub, await signIn(hub, a.admin.email, a.password));
  return { hub, a, b, bAgent, aApi };
}

/** Every row of a user, so "unchanged" covers the password, the session version and the lock counter. */
async function snapshot(hub: FastifyInstance, accountId: string, ids: string[]): Promise<(UserRow | undefined)[]> {
  return Promise.all(ids.map((id) => hub.users.get(accountId, id)));
}

function linkCount(hub: FastifyInstance, userId: string): number {
  return (hub.storage.sqlite.prepare('SELECT count(*) AS n FROM password_links WHERE user_id = ?').get(userId) as {
    n: number;
  }).n;
}

describe('tenant isolation of staff users', () => {
  it('answers 404 user_not_found to every call on another account’s user ids, and changes nothing', async () => {
    const smtp = await startSmtpServer();
    const { hub, b, bAgent, aApi } = await twoAccounts({ smtpUrl: smtp.url });
    const targets = [b.admin, bAgent.user];
    const before = await snapshot(hub, b.account.id, targets.map((u) => u.id));
    const linksBefore = targets.map((u) => linkCount(hub, u.id));
    const mailsTo = () => smtp.mails.filter((m) => m.to.some((to) => targets.some((t) => t.email === to))).length;
    // B's administrator got an invitation when B was created; nothing may come after it.
    const mailsBefore = mailsTo();

    for (const target of targets) {
      const url = `/api/v1/users/${target.id}`;
      const attempts = {
        read: await aApi.get(url),
        change: await aApi.patch(url, { firstName: 'Hacked', role: 'agent' }),
        deactivate: await aApi.patch(url, { active: false }),
        passwordLink: await aApi.post(`${url}/password-link`),
        delete: await aApi.delete(url),
      };
      for (const [what, response] of Object.entries(attempts)) {
        expect(errorOf(response), `${what} ${target.email}`).toMatchObject({ status: 404, code: 'user_not_found' });
      }
    }

    // The same answer as for an id that exists nowhere: nothing tells A that B's ids are real.
    const unknown = await aApi.get('/api/v1/users/00000000-0000-4000-8000-000000000000');
    expect(errorOf(unknown)).toMatchObject({ status: 404, code: 'user_not_found' });

    expect(await snapshot(hub, b.account.id, targets.map((u) => u.id))).toEqual(before);
    expect(targets.map((u) => linkCount(hub, u.id))).toEqual(linksBefore);
    // The password-link call sends synchronously: had it gone through, the mail would be here.
    expect(mailsTo()).toBe(mailsBefore);
  });

  it('never lists or finds another account’s users', async () => {
    const { b, bAgent, aApi } = await twoAccounts();
    const bIds = new Set([b.admin.id, bAgent.user.id]);

    const all = (await aApi.get('/api/v1/users?pageSize=100')).json<UserListView>();
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.filter((u) => bIds.has(u.id))).toEqual([]);
    expect(all.total).toBe(all.items.length);

    for (const search of ['bertha', 'Bravo-Only', 'bravo.example', 'BERTHA@BRAVO', b.admin.email]) {
      const found = (await aApi.get(`/api/v1/users?search=${encodeURIComponent(search)}`)).json<UserListView>();
      expect({ search, total: found.total, items: found.items }).toEqual({ search, total: 0, items: [] });
    }
  });

  it('refuses an accountId in a body with 400 and never creates or moves a user into the other account', async () => {
    const { hub, a, b, aApi } = await twoAccounts();
    const bCountBefore = await hub.accounts.countActiveUsers(b.account.id);

    const created = await aApi.post('/api/v1/users', newUserBody({ email: 'smuggled@example.com', accountId: b.account.id }));
    expect(errorOf(created)).toMatchObject({ status: 400, code: 'validation_failed' });
    // Not in B, and not in A either: the whole request was refused.
    expect(await hub.users.findForSignIn('smuggled@example.com')).toEqual([]);

    const moved = await aApi.patch(`/api/v1/users/${a.admin.id}`, { accountId: b.account.id });
    expect(errorOf(moved)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await hub.users.get(a.account.id, a.admin.id))?.accountId).toBe(a.account.id);

    expect(await hub.accounts.countActiveUsers(b.account.id)).toBe(bCountBefore);
  });

  it('lets A use an e-mail address that exists in B, without a 409 that would reveal it, and leaves B’s user alone', async () => {
    const { hub, b, bAgent, aApi } = await twoAccounts();
    const before = await hub.users.get(b.account.id, bAgent.user.id);

    const response = await aApi.post('/api/v1/users', newUserBody({ email: 'BERTHA@bravo.example' }));
    expect(response.statusCode, response.body).toBe(201);

    expect(await hub.users.get(b.account.id, bAgent.user.id)).toEqual(before);
    // B's user still signs in: with an address in two accounts, by naming the account.
    await expect(signIn(hub, 'bertha@bravo.example', bAgent.password, b.account.slug)).resolves.toEqual(
      expect.any(String),
    );
  });

  it('keeps B working while A tries: B’s sessions stay valid and B sees exactly its own users', async () => {
    const { hub, b, bAgent, aApi } = await twoAccounts();
    const bApi = apiAs(hub, await signIn(hub, b.admin.email, b.password));

    await aApi.patch(`/api/v1/users/${bAgent.user.id}`, { active: false });
    await aApi.delete(`/api/v1/users/${b.admin.id}`);

    const bList = await bApi.get('/api/v1/users');
    expect(bList.statusCode).toBe(200);
    expect(
      bList
        .json<UserListView>()
        .items.map((u) => u.id)
        .sort(),
    ).toEqual([b.admin.id, bAgent.user.id].sort());
    expect((await bApi.get('/api/v1/account')).json()).toMatchObject({ id: b.account.id, seatsUsed: 2 });
    expect((await aApi.get('/api/v1/account')).json()).toMatchObject({ id: expect.not.stringMatching(b.account.id) });
  });
});
