import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount } from '../support/demo.js';
import { startHub, type RunningHub } from '../support/hub.js';

// The hub runs in this process: children that talk to it must not block the event loop.
const run = promisify(execFile);

const SDK_DIR = fileURLToPath(new URL('../../packages/sdk/', import.meta.url));
// The fresh project has no `ws`; Node 20 has no WebSocket, so the script borrows the workspace's.
const WS_MODULE = pathToFileURL(createRequire(import.meta.url).resolve('ws')).href;

/**
 * What a developer gets from npm: the packed tarball, installed into an empty project outside the
 * workspace, must import, talk to a hub and print a snippet.
 */
describe('the packed @interact/sdk in a fresh project', () => {
  let hub: RunningHub;
  let project: string;

  beforeAll(async () => {
    hub = await startHub();
    project = mkdtempSync(path.join(tmpdir(), 'interact-sdk-consumer-'));
    const packDir = mkdtempSync(path.join(tmpdir(), 'interact-sdk-pack-'));
    execFileSync('pnpm', ['pack', '--pack-destination', packDir], { cwd: SDK_DIR, stdio: 'pipe' });
    const tarball = path.join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // The SDK has no dependencies, so this needs no registry.
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, stdio: 'pipe' });
    rmSync(packDir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await hub?.cleanup();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('contains only what is published: built code, types and the CLI', () => {
    const installed = path.join(project, 'node_modules/@interact/sdk');
    const files = readdirSync(installed, { recursive: true }).map(String);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', path.join('dist', 'index.js'), path.join('dist', 'index.d.ts'), path.join('bin', 'interact-sdk.mjs')]));
    expect(files.some((f) => f.startsWith('src'))).toBe(false);
    expect(files.some((f) => f.includes('tsbuildinfo'))).toBe(false);
  });

  it('imports, connects a visitor to the hub, and sends a message', async () => {
    const demo = await demoAccount(hub.hub);
    const script = `
      import { VisitorClient, generateSnippet, memoryStorage } from '@interact/sdk';
      import WS from '${WS_MODULE}';
      class OriginWS extends WS { constructor(url) { super(url, { headers: { origin: ${JSON.stringify(hub.url)} } }); } }
      const client = new VisitorClient({ hubUrl: ${JSON.stringify(hub.url)}, channelKey: ${JSON.stringify(demo.channelKey)}, storage: memoryStorage(), WebSocket: OriginWS });
      client.connect();
      client.on('ready', () => client.send('hello from a fresh project'));
      client.on('state', (state) => {
        if (state.messages[0]?.status === 'sent') {
          console.log(JSON.stringify({ message: state.messages[0], snippet: generateSnippet({ hubUrl: 'https://chat.example.com', channelKey: 'wc_test' }) }));
          client.disconnect();
        }
      });
      setTimeout(() => { console.error('no ack'); process.exit(1); }, 10000).unref();
    `;
    writeFileSync(path.join(project, 'try.mjs'), script);
    const { stdout: output } = await run('node', ['try.mjs'], { cwd: project, encoding: 'utf8' });
    const result = JSON.parse(output.trim().split('\n').pop()!);
    expect(result.message).toMatchObject({ status: 'sent', seq: 1, text: 'hello from a fresh project' });
    expect(result.snippet).toContain("Interact('init', {\"hubUrl\":\"https://chat.example.com\",\"channelKey\":\"wc_test\"})");
  });

  it('its CLI prints a snippet pinned to the served bundle with a matching integrity hash', async () => {
    const demo = await demoAccount(hub.hub);
    const { stdout: output } = await run(
      path.join(project, 'node_modules/.bin/interact-sdk'),
      ['snippet', '--hub', hub.url, '--channel', demo.channelKey],
      { cwd: project, encoding: 'utf8' },
    );
    const src = output.match(/src="([^"]+)"/)![1]!;
    const integrity = output.match(/integrity="([^"]+)"/)![1]!;
    expect(src).toMatch(new RegExp(`^${hub.url}/sdk/\\d+\\.\\d+\\.\\d+/interact\\.js$`));
    const served = Buffer.from(await (await fetch(src)).arrayBuffer());
    expect(integrity).toBe(`sha384-${createHash('sha384').update(served).digest('base64')}`);
    expect(output).toContain(`"channelKey":"${demo.channelKey}"`);
  });
});
