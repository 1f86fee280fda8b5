import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffClient } from '@interact/sdk';
import type { Browser } from 'playwright-core';
import WebSocket from 'ws';
import { launchChromium, watchPage } from '../support/browser.js';
import { demoAccount, staffToken } from '../support/demo.js';
import { startHub, type RunningHub } from '../support/hub.js';
import { serveFolder } from '../support/static-server.js';

const run = promisify(execFile);
const APP_DIR = fileURLToPath(new URL('../../examples/vite-app/', import.meta.url));

/**
 * examples/vite-app, built by Vite with the SDK from the workspace and served from its own origin
 * (a customer's site): Interact.init loads the widget from the hub, identify() names the visitor,
 * and the app's button opens the chat.
 */
describe('the Vite example app in Chromium', () => {
  let hub: RunningHub;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  let browser: Browser;
  let staff: StaffClient;
  let outDir: string;

  beforeAll(async () => {
    hub = await startHub();
    const demo = await demoAccount(hub.hub);
    outDir = mkdtempSync(path.join(tmpdir(), 'interact-vite-app-'));
    await run('pnpm', ['exec', 'vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: APP_DIR,
      env: { ...process.env, VITE_HUB_URL: hub.url, VITE_CHANNEL_KEY: demo.channelKey },
    });
    site = await serveFolder(outDir);
    const account = (await hub.hub.accounts.findBySlug('demo'))!;
    const channel = (await hub.hub.channels.list(account.id))[0]!;
    await hub.hub.channels.update(account.id, channel.id, { allowedOrigins: [...channel.allowedOrigins, site.url] });
    browser = await launchChromium();
    staff = new StaffClient({ hubUrl: hub.url, token: await staffToken(hub.url, demo.email, demo.password), WebSocket: WebSocket as never });
    await staff.connect();
  });

  afterAll(async () => {
    staff?.disconnect();
    await browser?.close();
    await site?.close();
    await hub?.cleanup();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('opens the chat from the app’s button, and staff see the identified visitor', async () => {
    const page = await browser.newPage();
    const watch = await watchPage(page);
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Chat with support' }).click();

    const chat = page.locator('interact-chat');
    const composer = chat.getByRole('textbox', { name: 'Write a message…' });
    await composer.fill('My invoice is wrong');
    const arrived = new Promise<{ name: string; email?: string }>((resolve) =>
      staff.on('conversation', (c) => resolve(c.visitor)),
    );
    await composer.press('Enter');
    expect(await arrived).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com' });

    const conversationId = [...staff.conversations.keys()][0]!;
    await staff.send(conversationId, 'Let me look at it.');
    await expect.poll(() => chat.getByText('Let me look at it.').count()).toBe(1);
    expect(watch.errors).toEqual([]);
    await page.close();
  });
});
