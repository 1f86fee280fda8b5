import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, onTestFinished } from 'vitest';
import { resolvePortalDir } from '../src/portal/portal-files.js';
import { buildTestHub } from './helper.js';

/**
 * The staff portal's static files at /portal/: hashed assets cached for good, every other path
 * answering the single-page app's index.html, under the hub's strict Content-Security-Policy.
 * Each test serves a build of its own from a temporary folder.
 */

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>#Interact</title>
    <link rel="stylesheet" href="/portal/assets/portal-3f2a1b.css">
    <script type="module" src="/portal/assets/portal-9c8d7e.js"></script>
  </head>
  <body><interact-portal></interact-portal></body>
</html>
`;
const SCRIPT = 'console.log("portal");\n';
const STYLES = 'body { margin: 0; }\n';
const ICON = '<svg xmlns="http://www.w3.org/2000/svg"/>';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A temporary folder holding `dist/` (built or not) with a secret next to it, outside what is served. */
function portalFolder(built = true): { root: string; dist: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'interact-portal-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const dist = path.join(root, 'dist');
  mkdirSync(path.join(dist, 'assets', 'icons'), { recursive: true });
  writeFileSync(path.join(root, 'secret.txt'), 'do not serve me');
  if (built) writeBuild(dist);
  return { root, dist };
}

function writeBuild(dist: string): void {
  writeFileSync(path.join(dist, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(dist, 'favicon.svg'), ICON);
  writeFileSync(path.join(dist, 'assets', 'portal-9c8d7e.js'), SCRIPT);
  writeFileSync(path.join(dist, 'assets', 'portal-3f2a1b.css'), STYLES);
  writeFileSync(path.join(dist, 'assets', 'icons', 'close-1a2b3c.svg'), ICON);
}

async function portalHub(dir: string): Promise<FastifyInstance> {
  return buildTestHub({}, { portalDir: dir });
}

function get(hub: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  return hub.inject({ method: 'GET', url, headers });
}

describe('the portal’s pages', () => {
  it('answers /portal/ with index.html, revalidated on every load', async () => {
    const hub = await portalHub(portalFolder().dist);
    const response = await get(hub, '/portal/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(INDEX_HTML);
  });

  it('answers the app’s own routes with index.html (single-page app)', async () => {
    const hub = await portalHub(portalFolder().dist);
    for (const url of ['/portal/inbox', '/portal/set-password', '/portal/visitors/abc-123/notes', '/portal/inbox?conversation=c1', '/portal/index.html']) {
      const response = await get(hub, url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(response.body, url).toBe(INDEX_HTML);
    }
  });

  it('redirects /portal to /portal/, so relative paths resolve inside the portal', async () => {
    const hub = await portalHub(portalFolder().dist);
    const response = await get(hub, '/portal');
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/portal/');
  });

  it('serves a file at the top of the build (a favicon) as itself, revalidated', async () => {
    const hub = await portalHub(portalFolder().dist);
    const response = await get(hub, '/portal/favicon.svg');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(ICON);
  });

  it('answers a conditional request for an unchanged page with 304', async () => {
    const hub = await portalHub(portalFolder().dist);
    const first = await get(hub, '/portal/inbox');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get(hub, '/portal/', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers['cache-control']).toBe('no-cache');
  });

  it('answers HEAD like GET, without a body', async () => {
    const hub = await portalHub(portalFolder().dist);
    const response = await hub.inject({ method: 'HEAD', url: '/portal/inbox' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe('');
  });
});

describe('the portal’s assets', () => {
  it('serves hashed assets with their type, cached for a year and immutable', async () => {
    const hub = await portalHub(portalFolder().dist);
    const cases: Array<[string, string, string]> = [
      ['/portal/assets/portal-9c8d7e.js', 'text/javascript; charset=utf-8', SCRIPT],
      ['/portal/assets/portal-3f2a1b.css', 'text/css; charset=utf-8', STYLES],
      ['/portal/assets/icons/close-1a2b3c.svg', 'image/svg+xml', ICON],
    ];
    for (const [url, type, body] of cases) {
      const response = await get(hub, url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toBe(type);
      expect(response.headers['cache-control'], url).toBe(IMMUTABLE);
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.body, url).toBe(body);
    }
  });

  it('answers 404 for an asset that does not exist, never index.html (a script tag would run HTML)', async () => {
    const hub = await portalHub(portalFolder().dist);
    for (const url of ['/portal/assets/portal-000000.js', '/portal/assets/', '/portal/assets/icons']) {
      const response = await get(hub, url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toMatchObject({ code: 'not_found' });
      expect(response.headers['cache-control'], url).not.toBe(IMMUTABLE);
    }
  });

  it('serves nothing outside the build, whatever the path says', async () => {
    const { dist } = portalFolder();
    const hub = await portalHub(dist);
    for (const url of [
      '/portal/assets/..%2F..%2Fsecret.txt',
      '/portal/assets/%2e%2e/%2e%2e/secret.txt',
      '/portal/assets/..%5C..%5Csecret.txt',
      `/portal/assets/${encodeURIComponent(path.join(path.dirname(dist), 'secret.txt'))}`,
      '/portal/assets/portal-9c8d7e.js%00.png',
    ]) {
      const response = await get(hub, url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('do not serve me');
    }
    for (const url of ['/portal/..%2Fsecret.txt', '/portal/%2e%2e/secret.txt', '/portal/..%2F..%2Fetc%2Fpasswd']) {
      const response = await get(hub, url);
      // Not a file of the build: one of the app's routes as far as the hub can tell.
      expect(response.body, url).not.toContain('do not serve me');
      expect([200, 404], url).toContain(response.statusCode);
    }
  });
});

describe('the portal under the hub’s Content-Security-Policy', () => {
  it('sends the strict policy with the pages: scripts and styles from the hub only, nothing inline', async () => {
    const hub = await portalHub(portalFolder().dist);
    for (const url of ['/portal/', '/portal/inbox', '/portal/assets/portal-9c8d7e.js']) {
      const csp = (await get(hub, url)).headers['content-security-policy'] as string;
      expect(csp, url).toBeDefined();
      const directives = Object.fromEntries(
        csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]),
      );
      expect(directives['default-src'], url).toBe("'self'");
      expect(directives['script-src'], url).toBe("'self'");
      expect(directives['style-src'], url).toBe("'self'");
      expect(directives['frame-ancestors'], url).toBe("'none'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(csp, url).not.toContain('unsafe-eval');
    }
  });
});

describe('a hub whose portal is not built', () => {
  it('answers 503 portal_not_built with what to do, for pages and assets alike', async () => {
    const hub = await portalHub(portalFolder(false).dist);
    for (const url of ['/portal/', '/portal/inbox', '/portal/assets/portal-9c8d7e.js']) {
      const response = await get(hub, url);
      expect(response.statusCode, url).toBe(503);
      expect(response.json(), url).toEqual({
        code: 'portal_not_built',
        message: expect.stringContaining('pnpm build'),
      });
    }
  });

  it('answers 503 when the build folder does not exist at all', async () => {
    const hub = await portalHub(path.join(tmpdir(), 'interact-no-such-portal', 'dist'));
    expect((await get(hub, '/portal/')).statusCode).toBe(503);
  });

  it('serves the portal as soon as it has been built, without a restart', async () => {
    const { dist } = portalFolder(false);
    const hub = await portalHub(dist);
    expect((await get(hub, '/portal/')).statusCode).toBe(503);
    writeBuild(dist);
    const response = await get(hub, '/portal/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX_HTML);
  });

  it('keeps the API working', async () => {
    const hub = await portalHub(portalFolder(false).dist);
    expect((await get(hub, '/healthz')).statusCode).toBe(200);
    expect((await get(hub, '/api/v1/auth/session')).statusCode).toBe(401);
  });
});

describe('where the hub finds the portal by default', () => {
  it('is the dist folder of the @interact/portal workspace package', () => {
    const dir = resolvePortalDir();
    expect(dir).not.toBeNull();
    expect(dir!.split(path.sep).slice(-3)).toEqual(['packages', 'portal', 'dist']);
  });
});
