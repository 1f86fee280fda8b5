import fp from 'fastify-plugin';
import { accountsRepository, type AccountsRepository } from './accounts-repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    accounts: AccountsRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('accounts', accountsRepository(app.storage));
  },
  { name: 'accounts', dependencies: ['storage'] },
);
