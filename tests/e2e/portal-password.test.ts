import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchPage } from '../support/browser.js';
import { demoAccount, staffToken } from '../support/demo.js';
import { startHub, type RunningHub } from '../support/hub.js';
import { apiSignIn, createStaffUser, signInForm, signInToPortal } from '../support/portal.js';
import { startSmtpServer, type RunningSmtpServer } from '../support/smtp.js';

/** Who is signed in, asked by the page itself (the session is the hub's httpOnly cookie). */
async function signedInEmail(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const response = await fetch('/api/v1/auth/session');
    return response.ok ? ((await response.json()) as { user: { email: string } }).user.email : null;
  });
}

/** Submits the sign-in form and answers the HTTP status of the sign-in request it made. */
async function submitSignIn(page: Page): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/sign-in'),
    signInForm(page).submit.click(),
  ]);
  return response.status();
}

/**
 * Forgotten and locked passwords in the portal, in Chromium against a real hub that sends its mail
 * to an SMTP server run by the test: the links come from the mails the hub really sent.
 */
describe('portal passwords: forgotten, and locked after failed sign-ins', () => {
  let smtp: RunningSmtpServer;
  let hub: RunningHub;
  let browser: Browser;
  let adminToken: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    hub = await startHub({ config: { mail: { smtpUrl: smtp.url } } });
    browser = await launchChromium();
    const demo = await demoAccount(hub.hub);
    adminToken = await staffToken(hub.url, demo.email, demo.password);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
    await smtp?.close();
  });

  it('"Forgot password" mails a link; the link sets a new password and signs in; only the new password works after', async () => {
    const bob = await createStaffUser(hub.url, adminToken, smtp, {
      firstName: 'Bob',
      lastName: 'Baker',
      email: 'bob@demo.example',
      role: 'agent',
      password: 'copper kettle meadow 1984',
    });
    const newPassword = 'quiet lantern orchard 2031';
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = await watchPage(page);

    await page.goto(`${hub.url}/portal/sign-in`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL(/\/portal\/forgot-password$/);
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('E-mail address').fill(bob.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('status').getByText('If this address belongs to a user, a link is on its way. Check your mailbox.').waitFor();

    // The second mail to Bob (the first was his invitation) carries the reset link.
    const mail = await smtp.waitForMail(bob.email, 2);
    expect(mail.raw).toContain('Reset your #Interact password');
    expect(mail.link).toMatch(new RegExp(`^${hub.url}/portal/set-password#token=`));

    await page.goto(mail.link!);
    await page.getByRole('heading', { name: 'Hello Bob' }).waitFor();
    await page.getByText('You asked to reset your password. Choose a new one.').waitFor();
    await page.getByText(`For ${bob.email}`).waitFor();
    // The token leaves the address bar (and the history entry) once read.
    expect(page.url()).toBe(`${hub.url}/portal/set-password`);
    await page.getByLabel('New password').fill(newPassword);
    await page.getByLabel('Repeat the password').fill(newPassword);
    await page.getByRole('button', { name: 'Save the password and sign in' }).click();

    // Signed in: the agent lands in the inbox.
    await page.waitForURL(/\/portal\/inbox$/);
    await page.getByRole('tab', { name: /Queue/ }).waitFor();
    expect(await signedInEmail(page)).toBe(bob.email);

    // The link worked once.
    await page.goto(mail.link!);
    await page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
    await page.getByRole('alert').getByText('This link is not valid any more. Ask for a new one.').waitFor();

    // In a fresh browser: the old password is refused in the form, the new one signs in.
    const fresh = await browser.newContext();
    const signIn = await fresh.newPage();
    await signIn.goto(`${hub.url}/portal/sign-in`);
    const form = signInForm(signIn);
    await form.email.fill(bob.email);
    await form.password.fill(bob.password);
    expect(await submitSignIn(signIn)).toBe(401);
    await form.alert.getByText('The e-mail address or the password is wrong.').waitFor();
    expect(await signedInEmail(signIn)).toBeNull();
    await signInToPortal(signIn, hub.url, bob.email, newPassword);
    expect(await signedInEmail(signIn)).toBe(bob.email);
    // The API agrees.
    expect(await apiSignIn(hub.url, bob.email, bob.password)).toEqual({ status: 401, code: 'invalid_credentials' });
    expect((await apiSignIn(hub.url, bob.email, newPassword)).status).toBe(200);

    expect(await watch.violations()).toEqual([]);
    expect(watch.errors).toEqual([]);
    await fresh.close();
    await context.close();
  });

  it('five wrong passwords lock the user: the form says so and what to do, and the mailed unlock link works', async () => {
    const carol = await createStaffUser(hub.url, adminToken, smtp, {
      firstName: 'Carol',
      lastName: 'Cook',
      email: 'carol@demo.example',
      role: 'agent',
      password: 'silver walnut compass 5520',
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = await watchPage(page);
    await page.goto(`${hub.url}/portal/sign-in`);
    const form = signInForm(page);
    await form.email.fill(carol.email);

    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await form.password.fill(`wrong password number ${attempt}`);
      expect(await submitSignIn(page)).toBe(401);
      await form.alert.getByText('The e-mail address or the password is wrong.').waitFor();
    }
    await form.password.fill('wrong password number 5');
    expect(await submitSignIn(page)).toBe(423);
    const locked = form.alert.getByText(/^Your user is locked after too many failed sign-ins\. Follow the link we sent you by e-mail, or ask for a new one:/);
    await locked.waitFor();
    await form.alert.getByRole('link', { name: 'Forgot password?' }).waitFor();

    // While locked, even the right password does not sign in.
    await form.password.fill(carol.password);
    expect(await submitSignIn(page)).toBe(423);
    await locked.waitFor();
    expect(await signedInEmail(page)).toBeNull();
    expect(await apiSignIn(hub.url, carol.email, carol.password)).toEqual({ status: 423, code: 'account_locked' });

    // The lock mailed an unlock link (the first mail was the invitation); it unlocks with a new password.
    const mail = await smtp.waitForMail(carol.email, 2);
    expect(mail.raw).toContain('Your #Interact sign-in is locked');
    await page.goto(mail.link!);
    await page.getByRole('heading', { name: 'Hello Carol' }).waitFor();
    await page.getByText('Your user was locked after too many failed sign-ins. Choose a new password to unlock it.').waitFor();
    await page.getByLabel('New password').fill('velvet harbor pepper 7306');
    await page.getByLabel('Repeat the password').fill('velvet harbor pepper 7306');
    await page.getByRole('button', { name: 'Unlock and sign in' }).click();
    await page.waitForURL(/\/portal\/inbox$/);
    expect(await signedInEmail(page)).toBe(carol.email);

    expect(await watch.violations()).toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
