import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { migrationsApplied } from '../storage/database.js';

const Status = Type.Object({ status: Type.String() });

/** Probes for process supervisors and load balancers; outside /api, no session needed. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'The process is up', response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers and every migration is applied',
        response: { 200: Status, 503: Status },
      },
    },
    async (_request, reply) => {
      try {
        app.storage.sqlite.prepare('SELECT 1').get();
        if (!migrationsApplied(app.storage)) return reply.status(503).send({ status: 'migrations pending' });
        return { status: 'ready' };
      } catch (error) {
        app.log.error({ err: error }, 'readiness check failed');
        return reply.status(503).send({ status: 'database unavailable' });
      }
    },
  );
};

export default healthRoutes;
