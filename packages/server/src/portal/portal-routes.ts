import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/catalogue.js';
import { readStaticFile, resolvePortalDir, type StaticFile } from './portal-files.js';

export interface PortalRoutesOptions {
  /** The portal's build folder; by default `@interact/portal`'s `dist/`. */
  dir?: string | undefined;
}

/** File names under assets/ carry a hash of their content: they never change. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) names the current assets: check with the hub each time. */
const REVALIDATE = 'no-cache';

/**
 * The staff portal, a single-page app, at `/portal/`. Built assets under `/portal/assets/` are
 * cached for good; any other path is one of the app's routes (`/portal/inbox`, the set-password
 * link, …) and answers index.html, unless it names a file at the top of the build (a favicon).
 * The hub's Content-Security-Policy applies unchanged: the build loads its scripts and styles
 * from files, never inline.
 */
const portalRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, options) => {
  const dir = options.dir ?? resolvePortalDir();
  if (!dir || !existsSync(path.join(dir, 'index.html'))) {
    app.log.warn('the staff portal is not built (pnpm build): /portal/ answers 503 until it is');
  }

  /** The build folder and its index.html; 503 while the portal has not been built. */
  async function build(): Promise<{ root: string; index: StaticFile }> {
    const index = dir ? await readStaticFile(dir, 'index.html') : null;
    if (!dir || !index) throw new AppError('portal_not_built');
    return { root: dir, index };
  }

  function send(request: FastifyRequest, reply: FastifyReply, file: StaticFile, cacheControl: string) {
    reply.header('cache-control', cacheControl).header('etag', file.etag);
    if (request.headers['if-none-match'] === file.etag) return reply.status(304).send();
    return reply.header('content-type', file.contentType).send(file.body);
  }

  app.get('/portal', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/portal/', 301));

  app.get<{ Params: { '*': string } }>('/portal/assets/*', { schema: { hide: true } }, async (request, reply) => {
    const { root } = await build();
    const asset = await readStaticFile(path.join(root, 'assets'), request.params['*']);
    if (!asset) throw new AppError('not_found', `No portal file ${request.url.split('?')[0]}.`);
    return send(request, reply, asset, IMMUTABLE);
  });

  app.get<{ Params: { '*': string } }>('/portal/*', { schema: { hide: true } }, async (request, reply) => {
    const { root, index } = await build();
    const route = request.params['*'];
    const topFile = route && !route.includes('/') && route !== 'index.html' ? await readStaticFile(root, route) : null;
    return send(request, reply, topFile ?? index, REVALIDATE);
  });
};

export default portalRoutes;
