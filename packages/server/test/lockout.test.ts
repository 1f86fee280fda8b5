import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  attemptSignIn,
  buildMailingHub,
  expectAcceptedAsSession,
  setPasswordWithLink,
  storedLinks,
  storedUser,
} from './auth-helpers.js';
import { bearer, buildTestHub, seedAccount, seedUser, sessionCookieOf, signIn } from './helper.js';

const LIMIT = 5;
const INVALID = { code: 'invalid_credentials', message: 'The e-mail address or the password is wrong.' };

/** A hub with an administrator (to look at users) and an agent whose password gets guessed. */
async function hubWithAgent(hub: FastifyInstance) {
  const { account, admin, password: adminPassword } = await seedAccount(hub);
  const { user, password } = await seedUser(hub, account.id, { role: 'agent' });
  const adminToken = await signIn(hub, admin.email, adminPassword);
  /** The agent as the user administration shows them. */
  const view = async () =>
    (await hub.inject({ url: `/api/v1/users/${user.id}`, headers: bearer(adminToken) })).json<{ locked: boolean }>();
  return { user, password, view };
}

async function failTimes(hub: FastifyInstance, email: string, times: number) {
  const answers = [];
  for (let i = 0; i < times; i += 1) answers.push(await attemptSignIn(hub, email, `wrong guess ${i}`));
  return answers;
}

describe('lockout after too many failed sign-ins', () => {
  it('locks the user on the 5th consecutive wrong password, after which the right one is refused too', async () => {
    const hub = await buildTestHub();
    const { user, password, view } = await hubWithAgent(hub);

    const answers = await failTimes(hub, user.email, LIMIT);
    for (const answer of answers.slice(0, LIMIT - 1)) {
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toEqual(INVALID);
    }
    expect(answers[LIMIT - 1]!.statusCode).toBe(423);
    expect(answers[LIMIT - 1]!.json()).toMatchObject({ code: 'account_locked' });

    const correct = await attemptSignIn(hub, user.email, password);
    expect(correct.statusCode).toBe(423);
    expect(correct.json()).toMatchObject({ code: 'account_locked' });
    expect(correct.cookies).toEqual([]);
    expect((await view()).locked).toBe(true);
  });

  it('mails an unlock link; following it sets a new password, unlocks and signs in', async () => {
    const { hub, smtp } = await buildMailingHub();
    const { user, password, view } = await hubWithAgent(hub);
    await failTimes(hub, user.email, LIMIT);

    const mail = await smtp.waitForMail(user.email);
    expect(mail.raw).toContain('Your #Interact sign-in is locked');
    expect(mail.token).toBeDefined();

    const unlocked = await setPasswordWithLink(hub, mail.token!, 'a fresh and long passphrase');
    expect(unlocked.statusCode).toBe(200);
    await expectAcceptedAsSession(hub, { cookie: sessionCookieOf(unlocked) }, user.id);
    expect((await view()).locked).toBe(false);
    expect(storedUser(hub, user.id).failed_sign_ins).toBe(0);

    expect((await attemptSignIn(hub, user.email, 'a fresh and long passphrase')).statusCode).toBe(200);
    // The old password was replaced, not merely unlocked.
    expect((await attemptSignIn(hub, user.email, password)).statusCode).toBe(401);
  });

  it('counts consecutive failures only: a successful sign-in before the limit starts the count over', async () => {
    const hub = await buildTestHub();
    const { user, password, view } = await hubWithAgent(hub);

    await failTimes(hub, user.email, LIMIT - 1);
    expect((await attemptSignIn(hub, user.email, password)).statusCode).toBe(200);
    const again = await failTimes(hub, user.email, LIMIT - 1);

    expect(again.map((a) => a.statusCode)).toEqual([401, 401, 401, 401]);
    expect(storedUser(hub, user.id).failed_sign_ins).toBe(LIMIT - 1);
    expect((await view()).locked).toBe(false);
    expect((await attemptSignIn(hub, user.email, password)).statusCode).toBe(200);
  });

  it('counts no more than 5 password checks when 20 wrong guesses arrive at once', async () => {
    const { hub, smtp } = await buildMailingHub();
    const { user, password, view } = await hubWithAgent(hub);

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attemptSignIn(hub, user.email, `parallel guess ${i}`)),
    );

    // Exactly the first LIMIT claims get a password check; every later one is refused as locked.
    expect(answers.filter((a) => a.statusCode === 401)).toHaveLength(LIMIT - 1);
    expect(answers.filter((a) => a.statusCode === 423)).toHaveLength(20 - (LIMIT - 1));
    expect(storedUser(hub, user.id).failed_sign_ins).toBe(LIMIT);
    expect((await view()).locked).toBe(true);
    expect((await attemptSignIn(hub, user.email, password)).statusCode).toBe(423);

    // One lockout, one unlock link: the owner is not flooded with mail.
    await smtp.waitForMail(user.email);
    expect(storedLinks(hub, user.id).filter((l) => l.purpose === 'unlock')).toHaveLength(1);
  });

  it('answers unknown e-mail addresses exactly like existing ones, and locks them after 5 attempts too', async () => {
    const hub = await buildTestHub();
    const { user } = await hubWithAgent(hub);

    const known = await failTimes(hub, user.email, LIMIT + 1);
    const unknown = await failTimes(hub, 'nobody-here@example.com', LIMIT + 1);

    // Whoever guesses cannot tell from the answers which addresses have a user.
    expect(unknown.map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(unknown.map((a) => a.statusCode)).toEqual(known.map((a) => a.statusCode));
    expect(unknown.map((a) => a.json())).toEqual(known.map((a) => a.json()));
    expect(unknown.map((a) => a.cookies)).toEqual(known.map((a) => a.cookies));
  });

  it('treats the e-mail address of an unknown address case-insensitively, like a real one', async () => {
    const hub = await buildTestHub();
    await failTimes(hub, 'Nobody@Example.com', LIMIT - 1);
    // Changing the case does not buy a fresh set of guesses, just as it would not for a user.
    const fifth = await attemptSignIn(hub, 'nobody@example.COM', 'one more guess');
    expect(fifth.statusCode).toBe(423);
  });

  it('counts wrong current passwords at "change password" too, so a session cannot be used to guess it', async () => {
    const { hub, smtp } = await buildMailingHub();
    const { user, password, view } = await hubWithAgent(hub);
    const session = await signIn(hub, user.email, password);
    const change = (currentPassword: string) =>
      hub.inject({
        method: 'POST',
        url: '/api/v1/auth/change-password',
        headers: bearer(session),
        payload: { currentPassword, newPassword: 'my much better passphrase' },
      });

    for (let i = 0; i < LIMIT - 1; i += 1) {
      const wrong = await change(`guess ${i}`);
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ code: 'wrong_password' });
    }
    const fifth = await change('guess 5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'account_locked' });
    expect((await view()).locked).toBe(true);

    // Locked means locked: neither the right password here nor at sign-in works until the link is used.
    expect((await change(password)).statusCode).toBe(423);
    expect((await attemptSignIn(hub, user.email, password)).statusCode).toBe(423);
    const mail = await smtp.waitForMail(user.email);
    expect(mail.raw).toContain('Your #Interact sign-in is locked');
  });

  it('starts the count over after a password change with the right current password', async () => {
    const hub = await buildTestHub();
    const { user, password } = await hubWithAgent(hub);
    const session = await signIn(hub, user.email, password);
    await failTimes(hub, user.email, LIMIT - 1);

    const changed = await hub.inject({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: bearer(session),
      payload: { currentPassword: password, newPassword: 'my much better passphrase' },
    });
    expect(changed.statusCode).toBe(200);
    expect(storedUser(hub, user.id).failed_sign_ins).toBe(0);
  });
});
