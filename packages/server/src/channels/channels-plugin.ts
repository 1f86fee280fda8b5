import fp from 'fastify-plugin';
import { channelsRepository, type ChannelsRepository } from './channels-repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    channels: ChannelsRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('channels', channelsRepository(app.storage));
  },
  { name: 'channels', dependencies: ['storage'] },
);
