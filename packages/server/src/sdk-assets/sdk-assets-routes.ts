import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { loadWidgetBundle } from './widget-bundle.js';

/**
 * Serves the script-tag bundle. `/sdk/<version>/interact.js` never changes (cached for a year, so
 * snippets can pin it with an integrity hash); `/sdk/v1/interact.js` is always the current one
 * (cached briefly); `/sdk/manifest.json` says which version is current and its hash.
 */
const sdkAssetsRoutes: FastifyPluginAsync = async (app) => {
  const bundle = loadWidgetBundle();
  if (!bundle) app.log.warn('the widget bundle is not built (pnpm build): /sdk/* answers 503');

  function sendBundle(reply: FastifyReply, cacheControl: string) {
    if (!bundle) {
      return reply.status(503).send({ code: 'not_ready', message: 'The widget bundle is not built on this hub.' });
    }
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', cacheControl)
      // Other sites load this script, with crossorigin="anonymous" for the integrity check.
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(bundle.code);
  }

  app.get('/sdk/manifest.json', { schema: { hide: true } }, async (_request, reply) => {
    if (!bundle) return sendBundle(reply, '');
    return reply
      .header('cache-control', 'no-cache')
      .header('access-control-allow-origin', '*')
      .send({ version: bundle.version, path: `/sdk/${bundle.version}/interact.js`, integrity: bundle.integrity });
  });

  app.get('/sdk/v1/interact.js', { schema: { hide: true } }, async (_request, reply) =>
    sendBundle(reply, 'public, max-age=300'),
  );

  app.get<{ Params: { version: string } }>('/sdk/:version/interact.js', { schema: { hide: true } }, async (request, reply) => {
    if (bundle && request.params.version !== bundle.version) {
      return reply.status(404).send({ code: 'not_found', message: `This hub serves version ${bundle.version}.` });
    }
    return sendBundle(reply, 'public, max-age=31536000, immutable');
  });
};

export default sdkAssetsRoutes;
