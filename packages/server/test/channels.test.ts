import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../src/accounts/create-account.js';
import type { ChannelView } from '../src/channels/channels-schemas.js';
import { hashPassword } from '../src/security/passwords.js';
import { SHOP, openVisitor, say, startChatHub, storedMessages } from './chat-helpers.js';
import { TEST_SCRYPT_LOG_N, bearer, buildTestHub, seedAccount, seedUser, signIn } from './helper.js';

/**
 * `/api/v1/channels`: web chat channels, managed by an account's administrators, scoped to the
 * account, and only for accounts with the "sdk" option.
 */

function api(hub: FastifyInstance, token: string) {
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    hub.inject({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: object) => call('POST', url, payload),
    patch: (url: string, payload: object) => call('PATCH', url, payload),
    delete: (url: string) => call('DELETE', url),
  };
}

async function adminOf(hub: FastifyInstance) {
  const seeded = await seedAccount(hub);
  return { ...seeded, api: api(hub, await signIn(hub, seeded.admin.email, seeded.password)) };
}

describe('web chat channels', () => {
  it('need the account’s "sdk" option: 409 sdk_option_required otherwise', async () => {
    const hub = await buildTestHub();
    const { account, administrator } = await createAccount(hub, {
      name: 'No SDK',
      plan: 'pro',
      seatCount: 2,
      options: [],
      timezone: 'Europe/Brussels',
      administrator: { firstName: 'Nora', lastName: 'Nosdk', email: 'nora@nosdk.example', language: 'en' },
    });
    await hub.users.setPassword(account.id, administrator.id, await hashPassword('a long enough password', TEST_SCRYPT_LOG_N));
    const admin = api(hub, await signIn(hub, 'nora@nosdk.example', 'a long enough password'));

    const response = await admin.post('/channels', { name: 'Shop', allowedOrigins: [SHOP] });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'sdk_option_required' });
    expect((await admin.get('/channels')).json()).toEqual([]);
  });

  it('are created with defaults, listed, read, changed, re-keyed and deleted', async () => {
    const hub = await buildTestHub();
    const { api: admin } = await adminOf(hub);

    const created = await admin.post('/channels', { name: '  Shop  ', allowedOrigins: [SHOP, 'http://localhost:3000'] });
    expect(created.statusCode).toBe(201);
    const channel = created.json<ChannelView>();
    expect(channel).toMatchObject({
      kind: 'web',
      name: 'Shop',
      allowedOrigins: [SHOP, 'http://localhost:3000'],
      requireVerifiedIdentity: false,
      active: true,
      theme: { color: '#2563eb', position: 'bottom-right' },
    });
    expect(channel.publicKey).toMatch(/^wc_[A-Za-z0-9_-]{16,}$/);
    expect(channel.identitySecret.length).toBeGreaterThanOrEqual(32);
    expect(channel.awayMessage.length).toBeGreaterThan(0);

    expect((await admin.get('/channels')).json()).toEqual([channel]);
    expect((await admin.get(`/channels/${channel.id}`)).json()).toEqual(channel);

    const changed = await admin.patch(`/channels/${channel.id}`, {
      name: 'Shop EU',
      awayMessage: 'Back at nine.',
      theme: { color: '#112233', position: 'bottom-left' },
      requireVerifiedIdentity: true,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      name: 'Shop EU',
      awayMessage: 'Back at nine.',
      theme: { color: '#112233', position: 'bottom-left' },
      requireVerifiedIdentity: true,
      publicKey: channel.publicKey,
    });
    expect((await admin.patch(`/channels/${channel.id}`, {})).statusCode).toBe(400);

    const rotated = await admin.post(`/channels/${channel.id}/rotate-identity-secret`);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json<ChannelView>().identitySecret).not.toBe(channel.identitySecret);
    expect(rotated.json<ChannelView>().publicKey).toBe(channel.publicKey);

    expect((await admin.delete(`/channels/${channel.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/channels/${channel.id}`)).json()).toMatchObject({ code: 'channel_not_found' });
    expect((await admin.get(`/channels/${channel.id}`)).statusCode).toBe(404);
    expect((await admin.delete(`/channels/${channel.id}`)).statusCode).toBe(404);
    expect((await admin.get('/channels')).json()).toEqual([]);
  });

  it('take their conversations with them when deleted', async () => {
    const hub = await startChatHub();
    const { api: admin } = await adminOf(hub);
    const channel = (await admin.post('/channels', { name: 'Shop', allowedOrigins: [SHOP] })).json<ChannelView>();
    const { socket } = await openVisitor(hub, channel.publicKey);
    await say(socket, 'hello');
    await socket.close();

    expect((await admin.delete(`/channels/${channel.id}`)).statusCode).toBe(204);
    expect(storedMessages(hub)).toEqual([]);
    expect(hub.storage.sqlite.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 0 });
  });

  it('belong to their account: another account’s channel id answers 404 and nothing changes', async () => {
    const hub = await buildTestHub();
    const a = await adminOf(hub);
    const b = await adminOf(hub);
    const channel = (await a.api.post('/channels', { name: 'A shop', allowedOrigins: [SHOP] })).json<ChannelView>();

    const attempts = {
      read: await b.api.get(`/channels/${channel.id}`),
      change: await b.api.patch(`/channels/${channel.id}`, { allowedOrigins: ['https://evil.example'] }),
      rotate: await b.api.post(`/channels/${channel.id}/rotate-identity-secret`),
      delete: await b.api.delete(`/channels/${channel.id}`),
    };
    for (const [what, response] of Object.entries(attempts)) {
      expect(response.statusCode, what).toBe(404);
      expect(response.json(), what).toMatchObject({ code: 'channel_not_found' });
    }
    expect((await b.api.get('/channels')).json()).toEqual([]);
    expect((await a.api.get(`/channels/${channel.id}`)).json()).toEqual(channel);
  });

  it('are for administrators only', async () => {
    const hub = await buildTestHub();
    const { account } = await adminOf(hub);
    for (const role of ['supervisor', 'agent', 'analyst'] as const) {
      const { user, password } = await seedUser(hub, account.id, { role });
      const staff = api(hub, await signIn(hub, user.email, password));
      expect((await staff.get('/channels')).statusCode, role).toBe(403);
      expect((await staff.post('/channels', { name: 'Mine', allowedOrigins: [SHOP] })).statusCode, role).toBe(403);
    }
    expect((await hub.inject({ method: 'GET', url: '/api/v1/channels' })).statusCode).toBe(401);
  });

  it('accept only exact origins (scheme, host, optional port): 400 otherwise', async () => {
    const hub = await buildTestHub();
    const { api: admin } = await adminOf(hub);
    const channel = (await admin.post('/channels', { name: 'Shop', allowedOrigins: [SHOP] })).json<ChannelView>();

    const invalid = [
      'example.com',
      'https://x.com/path',
      'https://x.com/',
      'https://x.com?q=1',
      'ftp://x.com',
      '*',
      'https://*.x.com',
      'https://x.com:99999',
    ];
    for (const origin of invalid) {
      const created = await admin.post('/channels', { name: 'Bad', allowedOrigins: [origin] });
      expect(created.statusCode, origin).toBe(400);
      expect(created.json(), origin).toMatchObject({ code: 'validation_failed' });
      expect((await admin.patch(`/channels/${channel.id}`, { allowedOrigins: [SHOP, origin] })).statusCode, origin).toBe(400);
    }
    expect((await admin.post('/channels', { name: 'None', allowedOrigins: [] })).statusCode).toBe(400);
    expect((await admin.get('/channels')).json()).toEqual([channel]);
  });

  it('store origins the way browsers send them, so the visitor socket matches them', async () => {
    const hub = await startChatHub();
    const { api: admin } = await adminOf(hub);
    const created = await admin.post('/channels', {
      name: 'Shop',
      allowedOrigins: ['https://Shop.Example:443', 'https://shop.example', 'http://Localhost:80', 'http://localhost:8080'],
    });
    expect(created.statusCode).toBe(201);
    const channel = created.json<ChannelView>();
    expect(channel.allowedOrigins).toEqual([SHOP, 'http://localhost', 'http://localhost:8080']);
    // A browser on https://shop.example sends exactly this Origin.
    await openVisitor(hub, channel.publicKey, {}, SHOP);

    const changed = await admin.patch(`/channels/${channel.id}`, { allowedOrigins: ['https://SHOP.example'] });
    expect(changed.json<ChannelView>().allowedOrigins).toEqual([SHOP]);
  });
});
