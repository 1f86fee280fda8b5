import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSnippet } from '@interact/sdk';
import type { Browser } from 'playwright-core';
import { launchChromium, watchPage } from '../support/browser.js';
import { demoAccount } from '../support/demo.js';
import { startHub, type RunningHub } from '../support/hub.js';
import { serveFolder } from '../support/static-server.js';

/**
 * The copy-paste snippet on a customer's page (another origin): the inline stub queues calls made
 * before the script loads, the integrity hash matches what the hub serves, and including the
 * script twice still gives one chat.
 */
describe('the generated snippet on a site of its own', () => {
  let hub: RunningHub;
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  let root: string;

  beforeAll(async () => {
    hub = await startHub();
    browser = await launchChromium();
    root = mkdtempSync(path.join(tmpdir(), 'interact-snippet-site-'));
    site = await serveFolder(root);
    await demoAccount(hub.hub);
    const account = (await hub.hub.accounts.findBySlug('demo'))!;
    const channel = (await hub.hub.channels.list(account.id))[0]!;
    await hub.hub.channels.update(account.id, channel.id, { allowedOrigins: [...channel.allowedOrigins, site.url] });
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await hub?.cleanup();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function snippet(variant: 'stub' | 'csp') {
    const demo = await demoAccount(hub.hub);
    const manifest = (await (await fetch(`${hub.url}/sdk/manifest.json`)).json()) as { path: string; integrity: string };
    return generateSnippet({
      hubUrl: hub.url,
      channelKey: demo.channelKey,
      scriptUrl: `${hub.url}${manifest.path}`,
      integrity: manifest.integrity,
      variant,
      locale: 'fr',
    });
  }

  it('runs calls queued before the script loaded, in the chosen language, once even if pasted twice', async () => {
    const code = await snippet('stub');
    writeFileSync(
      path.join(root, 'stub.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Shop</h1>
${code}
<script>Interact('open');</script>
${code}
</body></html>`,
    );
    const page = await browser.newPage();
    const watch = await watchPage(page);
    await page.goto(`${site.url}/stub.html`);
    const chat = page.locator('interact-chat');
    // Opened by the queued call, and in French as the snippet asked.
    await expect.poll(() => chat.getByRole('textbox', { name: 'Écrivez un message…' }).count()).toBe(1);
    expect(await page.locator('interact-chat').count()).toBe(1);
    expect(await page.evaluate(() => typeof (window as unknown as { Interact: { open: unknown } }).Interact.open)).toBe('function');
    expect(watch.errors, watch.errors.join('\n')).toEqual([]);
    await page.close();
  });

  it('on a site the channel does not allow, says the chat is unavailable and stops trying', async () => {
    const code = await snippet('stub');
    writeFileSync(
      path.join(root, 'elsewhere.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title></head><body>${code}
<script>Interact('open');</script></body></html>`,
    );
    const page = await browser.newPage();
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    // The same server under another name: http://localhost:<port> is an origin of its own.
    await page.goto(`${site.url.replace('127.0.0.1', 'localhost')}/elsewhere.html`);
    const chat = page.locator('interact-chat');
    await expect.poll(() => chat.getByRole('alert').textContent()).toBe('La discussion n’est pas disponible pour le moment.');
    // Several back-off delays later, still the one socket: the refusal is final.
    await page.waitForTimeout(2_500);
    expect(sockets).toHaveLength(1);
    await page.close();
  });

  it('refuses a bundle that does not match the integrity hash', async () => {
    const code = (await snippet('csp')).replace(/integrity="sha384-[^"]+"/, 'integrity="sha384-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"');
    writeFileSync(path.join(root, 'tampered.html'), `<!doctype html><html><body>${code}</body></html>`);
    const page = await browser.newPage();
    await page.goto(`${site.url}/tampered.html`);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => customElements.get('interact-chat') === undefined)).toBe(true);
    await page.close();
  });
});
