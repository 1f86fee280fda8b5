import Fastify, { type FastifyInstance } from 'fastify';
import app from './app.js';
import type { Config } from './config/config.js';
import type { Database } from './storage/database.js';

/** Limits on what a client may send, whatever the route. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** Builds the hub without listening: the CLI listens, tests use inject(). */
export interface HubOptions {
  /** An already opened database; by default the hub opens the one in the data folder. */
  database?: Database;
  /** Also serve the static example site at /demo/ (the `demo` command). */
  demo?: boolean;
  /** Serve the staff portal from this folder instead of `@interact/portal`'s `dist/`. */
  portalDir?: string;
}

export async function buildHub(config: Config, options: HubOptions = {}): Promise<FastifyInstance> {
  const fastify: FastifyInstance = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    // Fastify also takes a hop count here; its type definitions lag behind.
    trustProxy: config.trustProxy as boolean | string,
    bodyLimit: BODY_LIMIT_BYTES,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  await fastify.register(app, { config, ...options });
  return fastify;
}

/**
 * Starts the hub and stops it gracefully on SIGTERM/SIGINT: stop accepting, let requests in flight
 * finish, close sockets and the database.
 */
export async function startHub(config: Config, options: HubOptions = {}): Promise<FastifyInstance> {
  const hub = await buildHub(config, options);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    hub.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      hub.log.error('shutdown took longer than 10 s: exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      await hub.close();
      process.exitCode = 0;
    } catch (error) {
      hub.log.error({ err: error }, 'error while shutting down');
      process.exitCode = 1;
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await hub.listen({ host: config.host, port: config.port });
  return hub;
}
