import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  attemptSignIn,
  buildMailingHub,
  expectAcceptedAsSession,
  expectRefusedAsSession,
  mailedResetToken,
  setPasswordWithLink,
  storedLinks,
} from './auth-helpers.js';
import { bearer, seedAccount, seedUser, sessionCookieOf, signIn } from './helper.js';

const NEW_PASSWORD = 'a new and rather long passphrase';

function inspectLink(hub: FastifyInstance, token: string) {
  return hub.inject({ method: 'POST', url: '/api/v1/auth/password-links/inspect', payload: { token } });
}

function forgotPassword(hub: FastifyInstance, email: string) {
  return hub.inject({ method: 'POST', url: '/api/v1/auth/forgot-password', payload: { email } });
}

function expectInvalidLink(response: Awaited<ReturnType<typeof setPasswordWithLink>>) {
  expect(response.statusCode).toBe(400);
  expect(response.json()).toMatchObject({ code: 'invalid_link' });
}

/** An account whose agent has a password and will ask for a reset. */
async function hubWithAgent(overrides: Parameters<typeof buildMailingHub>[0] = {}) {
  const { hub, smtp } = await buildMailingHub(overrides);
  const { account } = await seedAccount(hub);
  const { user, password } = await seedUser(hub, account.id, { role: 'agent' });
  return { hub, smtp, user, password };
}

describe('"Forgot password" reset links', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives the same answer for an unknown address as for a user, and mails only the user', async () => {
    const { hub, smtp, user } = await hubWithAgent();
    const unknown = await forgotPassword(hub, 'nobody-here@example.com');
    const known = await forgotPassword(hub, user.email);

    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());

    const mail = await smtp.waitForMail(user.email);
    expect(mail.raw).toContain('Reset your #Interact password');
    // The unknown address was asked about first, so its mail (if any) would have gone out first.
    expect(smtp.mails.filter((m) => m.to.includes('nobody-here@example.com'))).toEqual([]);
  });

  it('lets the mailed link set a new password and sign in, once', async () => {
    const { hub, smtp, user, password } = await hubWithAgent();
    const token = await mailedResetToken(hub, smtp, user.email);
    expect((await inspectLink(hub, token)).json()).toEqual({ purpose: 'reset', firstName: user.firstName, email: user.email });

    const first = await setPasswordWithLink(hub, token, NEW_PASSWORD);
    expect(first.statusCode).toBe(200);
    await expectAcceptedAsSession(hub, { cookie: sessionCookieOf(first) }, user.id);
    expect((await attemptSignIn(hub, user.email, NEW_PASSWORD)).statusCode).toBe(200);
    expect((await attemptSignIn(hub, user.email, password)).statusCode).toBe(401);

    expectInvalidLink(await setPasswordWithLink(hub, token, 'yet another long passphrase'));
    expectInvalidLink(await inspectLink(hub, token));
    // The second try changed nothing.
    expect((await attemptSignIn(hub, user.email, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('lets only one of two simultaneous uses of a link through', async () => {
    const { hub, smtp, user } = await hubWithAgent();
    const token = await mailedResetToken(hub, smtp, user.email);
    const answers = await Promise.all([
      setPasswordWithLink(hub, token, 'first racing passphrase'),
      setPasswordWithLink(hub, token, 'second racing passphrase'),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
  });

  it('stops working once its lifetime (security.resetLinkTtlSeconds) has passed', async () => {
    // Only Date is faked: the hub, SQLite and SMTP keep their real timers, the clock is moved by hand.
    vi.useFakeTimers({ toFake: ['Date'] });
    const issuedAt = new Date('2030-01-01T09:00:00Z').getTime();
    vi.setSystemTime(issuedAt);
    const { hub, smtp, user } = await hubWithAgent({ security: { resetLinkTtlSeconds: 60 } });
    const token = await mailedResetToken(hub, smtp, user.email);

    const link = storedLinks(hub, user.id).find((l) => l.purpose === 'reset');
    expect(link?.expires_at).toBe(issuedAt + 60_000);

    vi.setSystemTime(issuedAt + 59_000);
    expect((await inspectLink(hub, token)).statusCode).toBe(200);

    vi.setSystemTime(issuedAt + 60_000);
    expectInvalidLink(await inspectLink(hub, token));
    expectInvalidLink(await setPasswordWithLink(hub, token, NEW_PASSWORD));
  });

  it('is superseded by a newer link: the older one stops working, the newer one works', async () => {
    const { hub, smtp, user } = await hubWithAgent();
    const older = await mailedResetToken(hub, smtp, user.email);
    const newer = await mailedResetToken(hub, smtp, user.email);
    expect(newer).not.toBe(older);

    expectInvalidLink(await setPasswordWithLink(hub, older, NEW_PASSWORD));
    expect((await setPasswordWithLink(hub, newer, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a weak or common password with weak_password, without using the link up', async () => {
    const { hub, smtp, user } = await hubWithAgent();
    const token = await mailedResetToken(hub, smtp, user.email);

    for (const weak of ['short1', 'password123', 'qwertyuiop', 'PASSWORD123']) {
      const refused = await setPasswordWithLink(hub, token, weak);
      expect(refused.statusCode, weak).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'weak_password' });
      expect(refused.cookies).toEqual([]);
    }
    expect((await inspectLink(hub, token)).statusCode).toBe(200);
    expect((await setPasswordWithLink(hub, token, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('stores only a one-way hash of the token, never the token in the mail', async () => {
    const { hub, smtp, user } = await hubWithAgent();
    const token = await mailedResetToken(hub, smtp, user.email);

    const [link] = storedLinks(hub, user.id);
    expect(link).toBeDefined();
    // Someone who reads the database (a backup, a leaked file) cannot use the links in it.
    for (const value of Object.values(link!)) expect(String(value)).not.toContain(token);
    expect(link!.token_hash).toBe(createHash('sha256').update(token).digest('base64url'));
    // Nor anywhere else in the database file (the dump does hold the hash, so it is the whole file).
    const dump = hub.storage.sqlite.serialize().toString('latin1');
    expect(dump).toContain(link!.token_hash);
    expect(dump).not.toContain(token);
  });

  it('stops working when its user is deactivated', async () => {
    const { hub, smtp } = await buildMailingHub();
    const { account, admin, password: adminPassword } = await seedAccount(hub);
    const { user } = await seedUser(hub, account.id, { role: 'agent' });
    const token = await mailedResetToken(hub, smtp, user.email);

    const adminToken = await signIn(hub, admin.email, adminPassword);
    const patched = await hub.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: bearer(adminToken),
      payload: { active: false },
    });
    expect(patched.statusCode).toBe(200);
    expectInvalidLink(await inspectLink(hub, token));
    expectInvalidLink(await setPasswordWithLink(hub, token, NEW_PASSWORD));
  });

  it('stops working when its account is deactivated, and leaves the password as it was', async () => {
    const { hub, smtp, user, password } = await hubWithAgent();
    const token = await mailedResetToken(hub, smtp, user.email);
    await hub.accounts.setActive(user.accountId, false);

    expectInvalidLink(await inspectLink(hub, token));
    const refused = await setPasswordWithLink(hub, token, NEW_PASSWORD);
    expectInvalidLink(refused);
    expect(refused.cookies).toEqual([]);

    // Once the operator reactivates the account, the old password is still the one that works.
    await hub.accounts.setActive(user.accountId, true);
    expect((await attemptSignIn(hub, user.email, password)).statusCode).toBe(200);
    expect((await attemptSignIn(hub, user.email, NEW_PASSWORD)).statusCode).toBe(401);
  });

  it('ends every session that existed before the reset: whoever knew the old password is out', async () => {
    const { hub, smtp, user, password } = await hubWithAgent();
    const before = await signIn(hub, user.email, password);
    const token = await mailedResetToken(hub, smtp, user.email);
    const reset = await setPasswordWithLink(hub, token, NEW_PASSWORD);
    expect(reset.statusCode).toBe(200);
    await expectRefusedAsSession(hub, before);
    await expectAcceptedAsSession(hub, { cookie: sessionCookieOf(reset) }, user.id);
  });

  it('accepts a 128-character unicode passphrase, which then signs in', async () => {
    const { hub, smtp, user } = await hubWithAgent();
    const token = await mailedResetToken(hub, smtp, user.email);
    // 128 characters, 256 UTF-16 units: the request limits must count like the password rules do.
    const passphrase = '🔒🐙🌵🎻🚲🧭🪁🍋'.repeat(16);
    expect([...passphrase]).toHaveLength(128);
    expect((await setPasswordWithLink(hub, token, passphrase)).statusCode).toBe(200);
    expect((await attemptSignIn(hub, user.email, passphrase)).statusCode).toBe(200);
  });
});
