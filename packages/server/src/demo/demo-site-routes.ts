import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { DEMO_ACCOUNT, DEMO_CHANNEL_NAME } from './demo-account.js';

/** examples/static-site in the repository, beside packages/. */
export const STATIC_EXAMPLE_DIR = fileURLToPath(new URL('../../../../examples/static-site/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * `interact-hub demo` serves the static example at /demo/, with the demo channel's key filled into
 * its snippet. It is served under the hub's own strict Content-Security-Policy, which shows the
 * snippet needs no inline script.
 */
const demoSiteRoutes: FastifyPluginAsync = async (app) => {
  async function page(file: string): Promise<{ body: Buffer | string; type: string } | null> {
    const name = path.basename(file || 'index.html');
    const type = TYPES[path.extname(name)];
    if (!type) return null;
    let body: Buffer;
    try {
      body = await readFile(path.join(STATIC_EXAMPLE_DIR, name));
    } catch {
      return null;
    }
    if (name !== 'index.html') return { body, type };
    const account = await app.accounts.findBySlug(DEMO_ACCOUNT.slug);
    const channel = account && (await app.channels.list(account.id)).find((c) => c.name === DEMO_CHANNEL_NAME);
    if (!channel) return null;
    const html = body
      .toString('utf8')
      .replaceAll('{{HUB_URL}}', app.config.publicUrl)
      .replaceAll('{{CHANNEL_KEY}}', channel.publicKey);
    return { body: html, type };
  }

  app.get('/demo', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/demo/'));
  app.get<{ Params: { '*': string } }>('/demo/*', { schema: { hide: true } }, async (request, reply) => {
    const found = await page(request.params['*']);
    if (!found) return reply.status(404).send({ code: 'not_found', message: 'No such demo page.' });
    return reply.header('content-type', found.type).header('cache-control', 'no-cache').send(found.body);
  });
};

export default demoSiteRoutes;
