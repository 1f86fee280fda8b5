import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffClient } from '@interact/sdk';
import type { Browser } from 'playwright-core';
import WebSocket from 'ws';
import { launchChromium, watchPage } from '../support/browser.js';
import { demoAccount, staffToken } from '../support/demo.js';
import { startHub, type RunningHub } from '../support/hub.js';

const PAYLOAD = '<img src=x onerror=alert(1)>';

/**
 * The static example page in headless Chromium, as a visitor uses it, with a staff member answering
 * from a Node client; served under the hub's strict Content-Security-Policy.
 */
describe('the static example site in Chromium', () => {
  let hub: RunningHub;
  let browser: Browser;
  let staff: StaffClient;

  beforeAll(async () => {
    hub = await startHub({ demo: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    staff?.disconnect();
    await browser?.close();
    await hub?.cleanup();
  });

  it('a visitor opens the chat and writes, staff answer, HTML stays text, a reload keeps the history, no CSP violation', async () => {
    const demo = await demoAccount(hub.hub);
    staff = new StaffClient({ hubUrl: hub.url, token: await staffToken(hub.url, demo.email, demo.password), WebSocket: WebSocket as never });
    await staff.connect();
    const arrived = new Promise<string>((resolve) => staff.on('conversation', (c) => resolve(c.id)));

    const page = await browser.newPage();
    const watch = await watchPage(page);
    const response = await page.goto(demo.siteUrl);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    const chat = page.locator('interact-chat');
    await chat.getByRole('button', { name: 'Open chat' }).click();
    const composer = chat.getByRole('textbox', { name: 'Write a message…' });
    await composer.fill('Do you have croissants left?');
    await composer.press('Enter');

    const conversationId = await arrived;
    await staff.take(conversationId);
    await staff.send(conversationId, 'Yes, six!');
    await expect.poll(() => chat.getByText('Yes, six!').count()).toBe(1);

    // Markup typed by either side is shown as the characters typed.
    await composer.fill(PAYLOAD);
    await composer.press('Enter');
    await staff.send(conversationId, `try ${PAYLOAD}`);
    await expect.poll(() => chat.getByText(`try ${PAYLOAD}`).count()).toBe(1);
    await expect.poll(() => chat.getByText(PAYLOAD, { exact: true }).count()).toBe(1);
    expect(await chat.locator('img').count()).toBe(0);

    await page.reload();
    await chat.getByRole('button', { name: /Open chat/ }).click();
    await expect.poll(() => chat.getByText('Do you have croissants left?').count()).toBe(1);
    await expect.poll(() => chat.getByText('Yes, six!').count()).toBe(1);
    await expect.poll(() => chat.getByText(`try ${PAYLOAD}`).count()).toBe(1);

    expect(await watch.violations()).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.close();
  });
});
