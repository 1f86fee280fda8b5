import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../errors/catalogue.js';
import { errors } from '../http/common-schemas.js';
import { toUserView } from './user-view.js';
import { CreateUserBody, UpdateUserBody, UserList, UserListQuery, UserParams, UserSchema } from './users-schemas.js';

/** Staff user administration, for Administrators. Every call is scoped to the caller's account. */
const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/users',
    {
      config: { access: 'users.read' },
      schema: {
        tags: ['users'],
        summary: 'List, search and sort the account’s staff users',
        querystring: UserListQuery,
        response: { 200: UserList, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { items, total } = await app.users.list(request.staff.account.id, request.query);
      return { items: items.map(toUserView), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  app.get(
    '/users/:id',
    {
      config: { access: 'users.read' },
      schema: {
        tags: ['users'],
        summary: 'One staff user',
        params: UserParams,
        response: { 200: UserSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const user = await app.users.get(request.staff.account.id, request.params.id);
      if (!user) throw new AppError('user_not_found');
      return toUserView(user);
    },
  );

  app.post(
    '/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Create a staff user; an active one is e-mailed a link to choose their password',
        body: CreateUserBody,
        response: { 201: UserSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const user = await app.users.create(request.staff.account.id, request.body);
      // An inactive user could not use the link (it only works for active users): they get it on activation.
      if (user.active) app.passwordLinks.issueInBackground(user, 'invite');
      return reply.status(201).send(toUserView(user));
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Change, deactivate or reactivate a staff user (activating one who has no password yet invites them)',
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: UserSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { account, user: me } = request.staff;
      if (request.params.id === me.id && request.body.role !== undefined && request.body.role !== me.role) {
        throw new AppError('cannot_change_own_role');
      }
      const before = await app.users.get(account.id, request.params.id);
      const user = await app.users.update(account.id, request.params.id, request.body);
      if (before && !before.active && user.active && !user.passwordHash) app.passwordLinks.issueInBackground(user, 'invite');
      return toUserView(user);
    },
  );

  app.delete(
    '/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Delete a staff user; their sessions end at once',
        params: UserParams,
        response: { 204: Type.Null(), ...errors(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await app.users.delete(request.staff.account.id, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/users/:id/password-link',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'E-mail the user a new link to set their password (invitation, reset or unlock)',
        params: UserParams,
        response: { 202: Type.Object({ expiresAt: Type.String() }), ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const user = await app.users.get(request.staff.account.id, request.params.id);
      if (!user?.active) throw new AppError('user_not_found');
      const purpose = user.passwordHash ? (toUserView(user).locked ? 'unlock' : 'reset') : 'invite';
      const link = await app.passwordLinks.issue(user, purpose);
      return reply.status(202).send({ expiresAt: link.expiresAt.toISOString() });
    },
  );
};

export default usersRoutes;
