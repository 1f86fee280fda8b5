import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildMailingHub,
  decodeJwt,
  encodeJwtPart,
  expectAcceptedAsSession,
  expectRefusedAsSession,
  forgeSessionToken,
  mailedResetToken,
} from './auth-helpers.js';
import { bearer, buildTestHub, seedAccount, seedUser, signIn } from './helper.js';

/**
 * A session token is the only thing between the internet and a staff user's account: anything the
 * hub did not sign for exactly this purpose, or that has run out, must be refused on every route.
 */
describe('session tokens that the hub did not issue, or not for this purpose, are refused', () => {
  async function hubWithAdmin() {
    const hub = await buildTestHub();
    const { admin, password } = await seedAccount(hub);
    return { hub, admin, token: await signIn(hub, admin.email, password) };
  }

  it('accepts its own token and a hand-built one shaped exactly like it (the control for every case below)', async () => {
    const { hub, admin, token } = await hubWithAdmin();
    await expectAcceptedAsSession(hub, bearer(token), admin.id);
    await expectAcceptedAsSession(hub, { cookie: `interact_session=${token}` }, admin.id);
    const forged = await forgeSessionToken(hub, admin);
    await expectAcceptedAsSession(hub, bearer(forged), admin.id);
    expect((await hub.inject({ url: '/api/v1/users', headers: bearer(forged) })).statusCode).toBe(200);
  });

  it('refuses a token with "alg": "none" and no signature', async () => {
    const { hub, token } = await hubWithAdmin();
    const { header, payload } = decodeJwt(token);
    const unsigned = `${encodeJwtPart({ ...header, alg: 'none' })}.${encodeJwtPart(payload)}.`;
    await expectRefusedAsSession(hub, unsigned);
    // Same, with the original signature left in place.
    await expectRefusedAsSession(hub, `${unsigned}${decodeJwt(token).signature}`);
  });

  it('refuses a token signed with another key', async () => {
    const { hub, admin } = await hubWithAdmin();
    await expectRefusedAsSession(hub, await forgeSessionToken(hub, admin, { secret: randomBytes(32) }));
  });

  it('refuses a token signed with the right key but another algorithm than HS256', async () => {
    const { hub, admin } = await hubWithAdmin();
    await expectRefusedAsSession(hub, await forgeSessionToken(hub, admin, { alg: 'HS512' }));
  });

  it('refuses a token whose signature was stripped', async () => {
    const { hub, token } = await hubWithAdmin();
    const [header, payload] = token.split('.');
    await expectRefusedAsSession(hub, `${header}.${payload}.`);
    await expectRefusedAsSession(hub, `${header}.${payload}`);
  });

  it('refuses a genuine token whose claims were edited to become another user', async () => {
    const hub = await buildTestHub();
    const { account, admin } = await seedAccount(hub);
    const agent = await seedUser(hub, account.id, { role: 'agent' });
    const agentToken = await signIn(hub, agent.user.email, agent.password);
    const [header, payload, signature] = agentToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    // An agent who rewrites "sub" to the administrator's id must not gain the administrator's rights.
    const promoted = `${header}.${encodeJwtPart({ ...claims, sub: admin.id })}.${signature}`;
    await expectRefusedAsSession(hub, promoted);
  });

  it('refuses an expired token signed with the hub’s real secret', async () => {
    const { hub, admin } = await hubWithAdmin();
    const now = Math.floor(Date.now() / 1000);
    const expired = await forgeSessionToken(hub, admin, { issuedAt: now - 13 * 3600, expiresAt: now - 3600 });
    await expectRefusedAsSession(hub, expired);
  });

  it('refuses a token with no expiry at all', async () => {
    const { hub, admin } = await hubWithAdmin();
    await expectRefusedAsSession(hub, await forgeSessionToken(hub, admin, { expiresAt: null }));
  });

  it('refuses a token with the right key but another "typ", audience or issuer', async () => {
    const { hub, admin } = await hubWithAdmin();
    // These are what a future visitor token (or any other token the hub signs) would look like.
    await expectRefusedAsSession(hub, await forgeSessionToken(hub, admin, { typ: 'interact-visitor+jwt' }));
    await expectRefusedAsSession(hub, await forgeSessionToken(hub, admin, { typ: 'JWT' }));
    await expectRefusedAsSession(hub, await forgeSessionToken(hub, admin, { audience: 'interact:visitor' }));
    await expectRefusedAsSession(hub, await forgeSessionToken(hub, admin, { issuer: 'someone-else' }));
  });

  it('refuses a token carrying an older token version (a revoked session)', async () => {
    const { hub, admin } = await hubWithAdmin();
    await expectRefusedAsSession(hub, await forgeSessionToken(hub, admin, { version: admin.tokenVersion - 1 }));
  });

  it('refuses junk that is not a token at all', async () => {
    const { hub } = await hubWithAdmin();
    for (const junk of ['x', 'a.b.c', '..', `${encodeJwtPart(null)}.${encodeJwtPart(1)}.`, 'Bearer', '{}']) {
      await expectRefusedAsSession(hub, junk);
    }
    const noHeader = await hub.inject({ url: '/api/v1/auth/session' });
    expect(noHeader.statusCode).toBe(401);
  });

  it('refuses a set-password link token from a mailed link used as a session (Bearer and cookie)', async () => {
    const { hub, smtp } = await buildMailingHub();
    const { admin } = await seedAccount(hub);
    const linkToken = await mailedResetToken(hub, smtp, admin.email);
    await expectRefusedAsSession(hub, linkToken);
    // Refusing it as a session must not have used it up: it still sets a password.
    const used = await hub.inject({
      method: 'POST',
      url: '/api/v1/auth/set-password',
      payload: { token: linkToken, password: 'a brand new passphrase' },
    });
    expect(used.statusCode).toBe(200);
  });
});
