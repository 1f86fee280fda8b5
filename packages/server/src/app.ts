import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import accountsPlugin from './accounts/accounts-plugin.js';
import accountsRoutes from './accounts/accounts-routes.js';
import authPlugin from './auth/auth-plugin.js';
import authRoutes from './auth/auth-routes.js';
import channelsPlugin from './channels/channels-plugin.js';
import channelsRoutes from './channels/channels-routes.js';
import type { Config } from './config/config.js';
import configPlugin from './config/config-plugin.js';
import conversationsPlugin from './conversations/conversations-plugin.js';
import conversationsRoutes from './conversations/conversations-routes.js';
import errorHandler from './errors/error-handler.js';
import demoSiteRoutes from './demo/demo-site-routes.js';
import healthRoutes from './health/health-routes.js';
import securityPlugin from './http/security-plugin.js';
import mailPlugin from './mail/mail-plugin.js';
import openapiPlugin from './openapi/openapi-plugin.js';
import portalRoutes from './portal/portal-routes.js';
import realtimePlugin from './realtime/realtime-plugin.js';
import sdkAssetsRoutes from './sdk-assets/sdk-assets-routes.js';
import type { Database } from './storage/database.js';
import storagePlugin from './storage/storage-plugin.js';
import staffRoutes from './users/staff-routes.js';
import usersPlugin from './users/users-plugin.js';
import usersRoutes from './users/users-routes.js';
import visitorsPlugin from './visitors/visitors-plugin.js';
import visitorsRoutes from './visitors/visitors-routes.js';

export interface AppOptions {
  config: Config;
  /** An already opened database; by default the app opens the one in the data folder. */
  database?: Database;
  /** Serve the static example at /demo/. */
  demo?: boolean;
  /** The staff portal's build folder; by default `@interact/portal`'s `dist/`. */
  portalDir?: string;
}

/** The whole hub as one Fastify plugin: infrastructure first, then domains, then routes. */
const app: FastifyPluginAsync<AppOptions> = async (fastify, options) => {
  await fastify.register(configPlugin, { config: options.config });
  await fastify.register(errorHandler);
  await fastify.register(securityPlugin);
  await fastify.register(openapiPlugin);
  await fastify.register(storagePlugin, options.database ? { database: options.database } : {});
  await fastify.register(mailPlugin);
  await fastify.register(accountsPlugin);
  await fastify.register(usersPlugin);
  await fastify.register(authPlugin);
  await fastify.register(channelsPlugin);
  await fastify.register(visitorsPlugin);
  await fastify.register(conversationsPlugin);
  await fastify.register(realtimePlugin);

  await fastify.register(healthRoutes);
  await fastify.register(sdkAssetsRoutes);
  await fastify.register(portalRoutes, { dir: options.portalDir });
  if (options.demo) await fastify.register(demoSiteRoutes);
  await fastify.register(
    async (api) => {
      await api.register(authRoutes);
      await api.register(accountsRoutes);
      await api.register(usersRoutes);
      await api.register(channelsRoutes);
      await api.register(staffRoutes);
      await api.register(visitorsRoutes);
      await api.register(conversationsRoutes);
    },
    { prefix: '/api/v1' },
  );
};

export default fp(app, { name: 'interact-app' });
