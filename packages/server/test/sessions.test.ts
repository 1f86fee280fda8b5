import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { attemptSignIn, expectAcceptedAsSession, expectRefusedAsSession, forgeSessionToken } from './auth-helpers.js';
import { bearer, buildTestHub, seedAccount, seedUser, sessionCookieOf, signIn } from './helper.js';

/** An administrator and an agent, the agent signed in on two devices. */
async function hubWithSignedInAgent() {
  const hub = await buildTestHub();
  const { account, admin, password: adminPassword } = await seedAccount(hub);
  const { user, password } = await seedUser(hub, account.id, { role: 'agent' });
  const laptop = await signIn(hub, user.email, password);
  // Two sign-ins within the same second give the same token, so the phone's session is one that
  // started an hour ago (signed with the hub's own secret, as the hub would have done then).
  const phone = await forgeSessionToken(hub, user, { issuedAt: Math.floor(Date.now() / 1000) - 3600 });
  expect(phone).not.toBe(laptop);
  await expectAcceptedAsSession(hub, bearer(phone), user.id);
  return { hub, account, admin, adminToken: await signIn(hub, admin.email, adminPassword), user, password, laptop, phone };
}

function asAdmin(hub: FastifyInstance, adminToken: string, method: 'PATCH' | 'DELETE', url: string, payload?: object) {
  return hub.inject({ method, url, headers: bearer(adminToken), ...(payload ? { payload } : {}) });
}

describe('sessions end when they must', () => {
  it('a password change ends every earlier session; the new cookie works', async () => {
    const { hub, user, password, laptop, phone } = await hubWithSignedInAgent();
    const changed = await hub.inject({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: bearer(laptop),
      payload: { currentPassword: password, newPassword: 'my much better passphrase' },
    });
    expect(changed.statusCode).toBe(200);

    // Including the one that asked: whoever may have stolen it is out too.
    await expectRefusedAsSession(hub, laptop);
    await expectRefusedAsSession(hub, phone);
    await expectAcceptedAsSession(hub, { cookie: sessionCookieOf(changed) }, user.id);
    expect((await attemptSignIn(hub, user.email, password)).statusCode).toBe(401);
    expect((await attemptSignIn(hub, user.email, 'my much better passphrase')).statusCode).toBe(200);
  });

  it('a refused password change (wrong current password, weak new one) keeps the sessions and the password', async () => {
    const { hub, user, password, laptop } = await hubWithSignedInAgent();
    const change = (currentPassword: string, newPassword: string) =>
      hub.inject({
        method: 'POST',
        url: '/api/v1/auth/change-password',
        headers: bearer(laptop),
        payload: { currentPassword, newPassword },
      });

    const wrongCurrent = await change('not my password', 'my much better passphrase');
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json()).toMatchObject({ code: 'wrong_password' });
    const weak = await change(password, 'password123');
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'weak_password' });

    await expectAcceptedAsSession(hub, bearer(laptop), user.id);
    expect((await attemptSignIn(hub, user.email, password)).statusCode).toBe(200);
  });

  it('an administrator deactivating the user ends their sessions, and reactivating does not revive them', async () => {
    const { hub, adminToken, user, password, laptop } = await hubWithSignedInAgent();
    const cookieSession = await attemptSignIn(hub, user.email, password);

    const deactivated = await asAdmin(hub, adminToken, 'PATCH', `/api/v1/users/${user.id}`, { active: false });
    expect(deactivated.statusCode).toBe(200);
    await expectRefusedAsSession(hub, laptop);
    await expectRefusedAsSession(hub, cookieSession.cookies.find((c) => c.name === 'interact_session')!.value);
    expect((await attemptSignIn(hub, user.email, password)).statusCode).toBe(401);

    const reactivated = await asAdmin(hub, adminToken, 'PATCH', `/api/v1/users/${user.id}`, { active: true });
    expect(reactivated.statusCode).toBe(200);
    await expectRefusedAsSession(hub, laptop);
    expect((await attemptSignIn(hub, user.email, password)).statusCode).toBe(200);
  });

  it('deleting the user ends their sessions', async () => {
    const { hub, adminToken, user, password, laptop } = await hubWithSignedInAgent();
    const deleted = await asAdmin(hub, adminToken, 'DELETE', `/api/v1/users/${user.id}`);
    expect(deleted.statusCode).toBe(204);
    await expectRefusedAsSession(hub, laptop);
    expect((await attemptSignIn(hub, user.email, password)).statusCode).toBe(401);
  });

  it('signing out with ?everywhere=true ends every session of the user, and only theirs', async () => {
    const { hub, admin, adminToken, laptop, phone } = await hubWithSignedInAgent();
    const signOut = await hub.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out?everywhere=true',
      headers: bearer(laptop),
    });
    expect(signOut.statusCode).toBe(204);
    await expectRefusedAsSession(hub, laptop);
    await expectRefusedAsSession(hub, phone);
    // Other users of the account are not affected.
    await expectAcceptedAsSession(hub, bearer(adminToken), admin.id);
  });

  it('a plain sign-out ends that session on the hub too, and only that one', async () => {
    const { hub, user, laptop, phone } = await hubWithSignedInAgent();
    const signOut = await hub.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: bearer(laptop) });
    expect(signOut.statusCode).toBe(204);
    // A copy of the token (stolen, or a second tab's) is refused as well, not only the cookie cleared.
    await expectRefusedAsSession(hub, laptop);
    await expectAcceptedAsSession(hub, bearer(phone), user.id);
  });

  it('signing out clears the session cookie with the attributes it was set with', async () => {
    const { hub, user, password } = await hubWithSignedInAgent();
    const signedIn = await attemptSignIn(hub, user.email, password);
    const signOut = await hub.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie: sessionCookieOf(signedIn) },
    });
    expect(signOut.statusCode).toBe(204);
    const cleared = signOut.cookies.find((c) => c.name === 'interact_session');
    expect(cleared).toMatchObject({ value: '', path: '/', httpOnly: true, sameSite: 'Strict' });
    expect(cleared!.expires!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('refuses the session of an inactive user even when nothing bumped their token version', async () => {
    // Defence in depth: any future way of deactivating a user that forgets to end sessions is still safe.
    const { hub, user, laptop } = await hubWithSignedInAgent();
    hub.storage.sqlite.prepare('UPDATE users SET active = 0 WHERE id = ?').run(user.id);
    await expectRefusedAsSession(hub, laptop);
  });

  it('deactivating the account ends the sessions of all its users', async () => {
    const { hub, account, adminToken, user, password, laptop } = await hubWithSignedInAgent();
    await hub.accounts.setActive(account.id, false);
    await expectRefusedAsSession(hub, laptop);
    await expectRefusedAsSession(hub, adminToken);
    expect((await attemptSignIn(hub, user.email, password)).statusCode).toBe(401);
  });
});

describe('the session cookie', () => {
  function cookieSignIn(hub: FastifyInstance, email: string, password: string) {
    return hub.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  }

  it('is HttpOnly, SameSite=Strict, for the whole site and not Secure on an http hub; the body carries no token', async () => {
    const hub = await buildTestHub({ publicUrl: 'http://hub.test' });
    const { admin, password } = await seedAccount(hub);
    const response = await cookieSignIn(hub, admin.email, password);
    expect(response.statusCode).toBe(200);

    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/^interact_session=[^;]+;/);
    // Scripts cannot read it (XSS), other sites cannot send it (CSRF).
    expect(header).toMatch(/; HttpOnly(;|$)/);
    expect(header).toMatch(/; SameSite=Strict(;|$)/);
    expect(header).toMatch(/; Path=\/(;|$)/);
    // A browser would drop a Secure cookie set over plain http, and nobody could sign in.
    expect(header).not.toMatch(/; Secure/i);

    // With the cookie set, the token has no business in the body, where scripts could read it.
    const body = response.json<Record<string, unknown>>();
    expect(body).not.toHaveProperty('token');
    expect(response.body).not.toContain(sessionCookieOf(response).split('=')[1]);
    await expectAcceptedAsSession(hub, { cookie: sessionCookieOf(response) }, admin.id);
  });

  it('is Secure when the hub’s public address is https', async () => {
    const hub = await buildTestHub({ publicUrl: 'https://hub.test' });
    const { admin, password } = await seedAccount(hub);
    const response = await cookieSignIn(hub, admin.email, password);
    expect(response.statusCode).toBe(200);
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/; Secure(;|$)/);
    expect(header).toMatch(/; HttpOnly(;|$)/);
    expect(header).toMatch(/; SameSite=Strict(;|$)/);
  });

  it('is not set by a failed sign-in', async () => {
    const hub = await buildTestHub();
    const { admin } = await seedAccount(hub);
    const response = await cookieSignIn(hub, admin.email, 'not the password');
    expect(response.statusCode).toBe(401);
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});
