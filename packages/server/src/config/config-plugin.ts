import fp from 'fastify-plugin';
import type { Config } from './config.js';
import { loadSecrets, type Secrets } from './secrets.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    secrets: Secrets;
  }
}

/** Makes the checked configuration and the hub's secrets available to every plugin. */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    app.decorate('config', config);
    app.decorate('secrets', loadSecrets(config.dataDir, config.security));
  },
  { name: 'config' },
);
