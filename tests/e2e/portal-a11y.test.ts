import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeViolations, seriousAxeViolations } from '../support/axe.js';
import { launchChromium, watchPage } from '../support/browser.js';
import { demoAccount, staffToken } from '../support/demo.js';
import { startHub, type RunningHub } from '../support/hub.js';
import { createStaffUser, messageLog, signInForm, signInToPortal, visitorPanel, type StaffUser } from '../support/portal.js';
import { startSmtpServer, type RunningSmtpServer } from '../support/smtp.js';
import { openVisitorChat, type VisitorChat } from '../support/widget.js';

/** Fails with every serious or critical axe-core violation on the page: rule, element path and why. */
async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const found = describeViolations(await seriousAxeViolations(page));
  expect(found, `axe found serious or critical problems on ${where}:\n${found}`).toBe('');
}

/**
 * axe-core on the portal's screens, in Chromium against a real hub: the signed-out pages, the inbox
 * with a visitor waiting, and a taken conversation with messages beside the visitor's profile.
 * Violations of impact "serious" or "critical" fail. The steps run in order and share the pages.
 */
describe('the portal is accessible (axe-core)', () => {
  let smtp: RunningSmtpServer;
  let hub: RunningHub;
  let browser: Browser;
  let agentContext: BrowserContext;
  let visitorContext: BrowserContext;
  let agent: StaffUser;
  let siteUrl: string;
  let portal: Page;
  let watch: Awaited<ReturnType<typeof watchPage>>;
  let visitor: VisitorChat;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    hub = await startHub({ config: { mail: { smtpUrl: smtp.url } } });
    browser = await launchChromium();
    const demo = await demoAccount(hub.hub);
    siteUrl = demo.siteUrl;
    agent = await createStaffUser(hub.url, await staffToken(hub.url, demo.email, demo.password), smtp, {
      firstName: 'Alice',
      lastName: 'Agent',
      email: 'alice@demo.example',
      role: 'agent',
      password: 'amber tulip harbour 4711',
    });
    agentContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    visitorContext = await browser.newContext();
    portal = await agentContext.newPage();
    watch = await watchPage(portal);
  });

  afterAll(async () => {
    await agentContext?.close();
    await visitorContext?.close();
    await browser?.close();
    await hub?.cleanup();
    await smtp?.close();
  });

  it('the sign-in page (also with an error), the forgotten-password page and the set-password page', async () => {
    await portal.goto(`${hub.url}/portal/sign-in`);
    await portal.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectNoSeriousViolations(portal, 'the sign-in page');

    const form = signInForm(portal);
    await form.email.fill(agent.email);
    await form.password.fill('not the password');
    await form.submit.click();
    await form.alert.getByText('The e-mail address or the password is wrong.').waitFor();
    await expectNoSeriousViolations(portal, 'the sign-in page showing an error');

    await portal.getByRole('link', { name: 'Forgot password?' }).click();
    await portal.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await expectNoSeriousViolations(portal, 'the forgotten-password page');
    await portal.getByLabel('E-mail address').fill(agent.email);
    await portal.getByRole('button', { name: 'Send the link' }).click();
    await portal.getByRole('status').getByText(/a link is on its way/).waitFor();
    await expectNoSeriousViolations(portal, 'the forgotten-password page after sending');

    // The reset link (the agent's second mail, after the invitation), opened but not used.
    const mail = await smtp.waitForMail(agent.email, 2);
    await portal.goto(mail.link!);
    await portal.getByRole('heading', { name: 'Hello Alice' }).waitFor();
    await expectNoSeriousViolations(portal, 'the set-password page');
  });

  it('the inbox with a visitor waiting in the queue', async () => {
    await signInToPortal(portal, hub.url, agent.email, agent.password);
    visitor = await openVisitorChat(await visitorContext.newPage(), siteUrl);
    await visitor.say('Do you bake gluten-free bread?');
    await portal.locator('conversation-list').getByText('Do you bake gluten-free bread?').waitFor();
    await expectNoSeriousViolations(portal, 'the inbox with a waiting conversation');
  });

  it('a taken conversation with messages both ways, the visitor profile, its form and the close dialog', async () => {
    await portal.getByRole('button', { name: /^Take / }).click();
    await portal.waitForURL(/\/portal\/inbox\/[^/]+$/);
    await messageLog(portal).getByText('Do you bake gluten-free bread?').waitFor();
    const composer = portal.getByRole('textbox', { name: 'Your message' });
    await composer.fill('Yes, on Fridays.');
    await composer.press('Enter');
    await visitor.chat.getByText('Yes, on Fridays.').waitFor();
    await visitor.say('Great, thank you!');
    await messageLog(portal).getByText('Great, thank you!').waitFor();
    const panel = visitorPanel(portal);
    await panel.getByRole('button', { name: 'Edit profile' }).waitFor();
    await panel.getByText('No notes yet.').waitFor();
    await panel.getByText('No earlier conversations.').waitFor();
    await expectNoSeriousViolations(portal, 'the conversation view with the visitor profile');

    await panel.getByRole('textbox', { name: 'Add a note' }).fill('Asks for gluten-free bread.');
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.getByRole('list', { name: 'Notes' }).getByText('Asks for gluten-free bread.').waitFor();
    await panel.getByRole('button', { name: 'Edit profile' }).click();
    await panel.getByRole('textbox', { name: 'E-mail', exact: true }).waitFor();
    await expectNoSeriousViolations(portal, 'the conversation view with a note and the profile form open');

    await portal.locator('conversation-view').getByRole('button', { name: 'Close', exact: true }).click();
    const dialog = portal.getByRole('dialog', { name: 'Close this conversation?' });
    await dialog.waitFor();
    await expectNoSeriousViolations(portal, 'the close-conversation dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Injecting axe went through DevTools: the portal's own policy saw nothing to block.
    expect(await watch.violations()).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});
