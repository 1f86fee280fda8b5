import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTestHub } from './helper.js';

/** The widget bundle as sites load it: pinned by version and integrity, cacheable, loadable cross-origin. */
describe('the served SDK bundle', () => {
  it('is pinned by the manifest: versioned path, matching integrity, cached for a year', async () => {
    const hub = await buildTestHub();
    const manifest = (await hub.inject('/sdk/manifest.json')).json<{ version: string; path: string; integrity: string }>();
    expect(manifest.path).toBe(`/sdk/${manifest.version}/interact.js`);

    const pinned = await hub.inject(manifest.path);
    expect(pinned.statusCode).toBe(200);
    expect(pinned.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Other sites load it with crossorigin="anonymous" so that the integrity check can run.
    expect(pinned.headers['access-control-allow-origin']).toBe('*');
    expect(pinned.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(manifest.integrity).toBe(`sha384-${createHash('sha384').update(pinned.rawPayload).digest('base64')}`);
  });

  it('serves the current bundle at /sdk/v1/ with a short cache, and no other version', async () => {
    const hub = await buildTestHub();
    const current = await hub.inject('/sdk/v1/interact.js');
    expect(current.statusCode).toBe(200);
    expect(current.headers['cache-control']).toBe('public, max-age=300');
    expect(current.body.length).toBeGreaterThan(10_000);
    const other = await hub.inject('/sdk/0.0.1/interact.js');
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'not_found' });
  });
});
