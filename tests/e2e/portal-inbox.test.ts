import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchPage } from '../support/browser.js';
import { demoAccount, staffToken } from '../support/demo.js';
import { startHub, type RunningHub } from '../support/hub.js';
import {
  callApi,
  createStaffUser,
  elementsEverywhere,
  messageLog,
  signInToPortal,
  visitorPanel,
  type StaffUser,
} from '../support/portal.js';
import { startSmtpServer, type RunningSmtpServer } from '../support/smtp.js';
import { openVisitorChat, type VisitorChat } from '../support/widget.js';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(1)</script>';

/**
 * The staff portal's inbox in Chromium against a real hub: a visitor on the static example page in
 * one browser context, an agent in the portal in another. The steps run in order and share the
 * two pages.
 */
describe('the portal inbox with a visitor on the example site', () => {
  let smtp: RunningSmtpServer;
  let hub: RunningHub;
  let browser: Browser;
  let agentContext: BrowserContext;
  let visitorContext: BrowserContext;
  let adminToken: string;
  let agent: StaffUser;
  let siteUrl: string;
  let portal: Page;
  let watch: Awaited<ReturnType<typeof watchPage>>;
  let visitor: VisitorChat;
  let visitorPage: Page;
  let conversationId: string;
  let visitorId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    hub = await startHub({ config: { mail: { smtpUrl: smtp.url } } });
    browser = await launchChromium();
    const demo = await demoAccount(hub.hub);
    siteUrl = demo.siteUrl;
    adminToken = await staffToken(hub.url, demo.email, demo.password);
    // The administrator creates the agent; the agent chooses a password through the invitation mail.
    agent = await createStaffUser(hub.url, adminToken, smtp, {
      firstName: 'Alice',
      lastName: 'Agent',
      email: 'alice@demo.example',
      role: 'agent',
      password: 'amber tulip harbour 4711',
    });
    agentContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    visitorContext = await browser.newContext();
  });

  afterAll(async () => {
    await agentContext?.close();
    await visitorContext?.close();
    await browser?.close();
    await hub?.cleanup();
    await smtp?.close();
  });

  it('the agent signs in, sees the visitor arrive in the queue, takes the conversation and both read each other', async () => {
    portal = await agentContext.newPage();
    watch = await watchPage(portal);
    await signInToPortal(portal, hub.url, agent.email, agent.password);
    await portal.getByText('Nobody is waiting.').waitFor();

    visitorPage = await visitorContext.newPage();
    visitor = await openVisitorChat(visitorPage, siteUrl);
    await visitor.say('Hello, is the shop open on Sunday?');

    // The conversation arrives live in the queue, with the visitor's first message.
    const queue = portal.locator('conversation-list');
    await queue.getByText('Hello, is the shop open on Sunday?').waitFor();
    await expect.poll(() => portal.getByRole('tab', { name: 'Queue 1' }).count()).toBe(1);

    const visitorLoaded = portal.waitForResponse((r) => /\/api\/v1\/visitors\/[^/]+$/.test(new URL(r.url()).pathname));
    // The hub names a visitor who has not said who they are "Visitor" and a short code.
    await queue.getByRole('button', { name: /^Take Visitor \w+$/ }).click();
    await portal.waitForURL(/\/portal\/inbox\/[^/]+$/);
    conversationId = decodeURIComponent(new URL(portal.url()).pathname.split('/').pop()!);
    visitorId = new URL((await visitorLoaded).url()).pathname.split('/').pop()!;
    await portal.getByText('Assigned to you').waitFor();
    await expect.poll(() => portal.getByRole('tab', { name: 'Mine 1' }).count()).toBe(1);
    await messageLog(portal).getByText('Hello, is the shop open on Sunday?').waitFor();

    // Agent → visitor.
    const composer = portal.getByRole('textbox', { name: 'Your message' });
    await composer.fill('Yes, from 7:00 to 13:00.');
    await composer.press('Enter');
    await visitor.chat.getByText('Yes, from 7:00 to 13:00.').waitFor();
    await expect.poll(() => messageLog(portal).getByText('Yes, from 7:00 to 13:00.').count()).toBe(1);

    // Visitor → agent, on the open conversation.
    await visitor.say('Lovely, see you then.');
    await messageLog(portal).getByText('Lovely, see you then.').waitFor();
  });

  it('shows a visitor’s name and messages that contain markup as the characters typed', async () => {
    await visitorPage.evaluate((name) => {
      (window as unknown as { Interact: { identify(profile: { firstName: string }): void } }).Interact.identify({ firstName: name });
    }, IMG);
    // The inbox follows the new name: the conversation's heading and the list both show it as text.
    await portal.locator('conversation-view').getByRole('heading', { name: IMG, exact: true }).waitFor();
    await portal.locator('conversation-list').getByText(IMG, { exact: true }).waitFor();

    await visitor.say(SCRIPT);
    await visitor.say(`and ${IMG} too`);
    await messageLog(portal).getByText(SCRIPT, { exact: true }).waitFor();
    await messageLog(portal).getByText(`and ${IMG} too`, { exact: true }).waitFor();
    // The visitor's messages now carry their name, as text.
    expect(await messageLog(portal).getByText(IMG, { exact: true }).count()).toBeGreaterThan(0);

    // Nothing the visitor typed became an element anywhere in the portal (every shadow root included).
    expect(await elementsEverywhere(portal, 'img')).toEqual([]);
    expect(await elementsEverywhere(portal, 'script:not([src])')).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });

  it('edits the visitor’s e-mail in the profile panel, adds a note and closes the conversation', async () => {
    const panel = visitorPanel(portal);
    await panel.getByRole('button', { name: 'Edit profile' }).click();
    const email = panel.getByRole('textbox', { name: 'E-mail', exact: true });
    await email.fill('sunday.baker@example.com');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('status').getByText('Profile saved.').waitFor();
    await panel.getByText('sunday.baker@example.com').waitFor();
    expect(await callApi<{ email: string; firstName: string }>(hub.url, adminToken, 'GET', `/visitors/${visitorId}`)).toMatchObject({
      email: 'sunday.baker@example.com',
      firstName: IMG,
    });

    const note = `Comes on Sundays; wrote ${IMG} in the chat.`;
    await panel.getByRole('textbox', { name: 'Add a note' }).fill(note);
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.getByRole('list', { name: 'Notes' }).getByText(note, { exact: true }).waitFor();
    await panel.getByRole('list', { name: 'Notes' }).getByText(/Alice Agent/).waitFor();
    expect(await callApi<Array<{ text: string }>>(hub.url, adminToken, 'GET', `/visitors/${visitorId}/notes`)).toMatchObject([{ text: note }]);
    expect(await elementsEverywhere(portal, 'img')).toEqual([]);

    await portal.locator('conversation-view').getByRole('button', { name: 'Close', exact: true }).click();
    const confirm = portal.getByRole('dialog', { name: 'Close this conversation?' });
    await confirm.getByRole('button', { name: 'Close', exact: true }).click();
    await portal.waitForURL(/\/portal\/inbox$/);
    await expect.poll(() => portal.getByRole('tab', { name: 'Mine 0' }).count()).toBe(1);
    const conversations = await callApi<Array<{ id: string; state: string }>>(hub.url, adminToken, 'GET', `/visitors/${visitorId}/conversations`);
    expect(conversations).toMatchObject([{ id: conversationId, state: 'closed' }]);
  });

  it('lists the closed conversation among the visitor’s earlier ones, readable, when they write again', async () => {
    await visitor.say('Me again: do you deliver?');
    await portal.getByRole('tab', { name: /^Queue/ }).click();
    const queue = portal.locator('conversation-list');
    await queue.getByText('Me again: do you deliver?').waitFor();
    await queue.getByRole('button', { name: `Take ${IMG}` }).click();
    await portal.waitForURL(/\/portal\/inbox\/[^/]+$/);
    expect(decodeURIComponent(new URL(portal.url()).pathname.split('/').pop()!)).not.toBe(conversationId);
    await messageLog(portal).getByText('Me again: do you deliver?').waitFor();

    // The profile kept the e-mail the agent gave, and the note is there.
    const panel = visitorPanel(portal);
    await panel.getByText('sunday.baker@example.com').waitFor();
    await panel.getByRole('list', { name: 'Notes' }).getByRole('listitem').first().waitFor();

    const history = panel.getByRole('list', { name: 'Earlier conversations' });
    await history.getByRole('listitem').first().waitFor();
    expect(await history.getByRole('listitem').count()).toBe(1);
    await history.getByText(/Closed/).waitFor();
    await history.getByRole('button', { name: /^Read/ }).click();
    const transcript = panel.getByRole('log', { name: 'Earlier conversation' });
    await transcript.getByText('Hello, is the shop open on Sunday?').waitFor();
    await transcript.getByText('Yes, from 7:00 to 13:00.').waitFor();
    await transcript.getByText(SCRIPT, { exact: true }).waitFor();
    await expect.poll(() => history.getByRole('button', { name: /^Hide/ }).count()).toBe(1);

    expect(await elementsEverywhere(portal, 'img')).toEqual([]);
    expect(await elementsEverywhere(portal, 'script:not([src])')).toEqual([]);
  });

  it('the portal page broke no Content-Security-Policy rule, opened no dialog and threw nothing', async () => {
    expect(await watch.violations()).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});
