import fp from 'fastify-plugin';
import { conversationsRepository, type ConversationsRepository } from './conversations-repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    conversations: ConversationsRepository;
  }
}

/** One conversations repository for the sockets and the API alike. */
export default fp(
  async (app) => {
    app.decorate('conversations', conversationsRepository(app.storage));
  },
  { name: 'conversations', dependencies: ['storage'] },
);
