import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import { buildHub } from '../server.js';

/** Runs an operator command against the hub's data without listening, then closes everything. */
export async function withHub<T>(config: Config, fn: (hub: FastifyInstance) => Promise<T>): Promise<T> {
  const hub = await buildHub({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  try {
    await hub.ready();
    return await fn(hub);
  } finally {
    await hub.close();
  }
}
