import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../http/common-schemas.js';
import { toAccountView } from './account-view.js';
import { AccountSchema } from './accounts-schemas.js';

const accountsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/account',
    {
      config: { access: 'account.read' },
      schema: {
        tags: ['account'],
        summary: 'The caller’s account: plan, seats and how many are used',
        response: { 200: AccountSchema, ...errors(401, 403) },
      },
    },
    async (request) => {
      const { account } = request.staff;
      return toAccountView(account, await app.accounts.countActiveUsers(account.id));
    },
  );
};

export default accountsRoutes;
