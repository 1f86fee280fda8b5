import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors } from '../http/common-schemas.js';
import { INBOX_ROLES } from './users-repository.js';
import { StaffMemberSchema, type StaffMemberView } from './users-schemas.js';

/** The account's inbox staff as colleagues see them (not the administration view of users). */
const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/staff',
    {
      config: { access: 'inbox.use' },
      schema: {
        tags: ['inbox'],
        summary: 'Active administrators, supervisors and agents of the account, and whether each is online',
        response: { 200: Type.Array(StaffMemberSchema), ...errors(401, 403) },
      },
    },
    async (request): Promise<StaffMemberView[]> => {
      const { account } = request.staff;
      const online = app.realtime.onlineStaffIds(account.id);
      const staff = await app.users.listActiveWithRoles(account.id, INBOX_ROLES);
      return staff.map((user) => ({
        id: user.id,
        firstName: user.firstName,
        lastName: user.lastName,
        role: user.role,
        online: online.has(user.id),
      }));
    },
  );
};

export default staffRoutes;
