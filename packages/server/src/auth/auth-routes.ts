import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { toAccountView } from '../accounts/account-view.js';
import { AppError } from '../errors/catalogue.js';
import { errors } from '../http/common-schemas.js';
import { toUserView } from '../users/user-view.js';
import { UserSchema } from '../users/users-schemas.js';
import {
  AcceptedResponse,
  ChangePasswordBody,
  ForgotPasswordBody,
  LinkBody,
  LinkInfo,
  SessionResponse,
  SetPasswordBody,
  SignInBody,
  SignOutQuery,
  UpdateMeBody,
} from './auth-schemas.js';
import type { SignedIn } from './auth-service.js';
import { permissionsOf } from './permissions.js';

/** Sign-in, sign-out, the current session and the set-password links. */
const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const limited = { max: app.config.security.authRateLimitPerMinute, timeWindow: '1 minute' };

  async function sessionView(signedIn: Pick<SignedIn, 'user'>, token?: string) {
    const account = await app.accounts.findById(signedIn.user.accountId);
    if (!account) throw new AppError('account_not_found');
    return {
      user: toUserView(signedIn.user),
      account: toAccountView(account, await app.accounts.countActiveUsers(account.id)),
      permissions: permissionsOf(signedIn.user.role),
      ...(token ? { token } : {}),
    };
  }

  app.post(
    '/auth/sign-in',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: SignInBody,
        response: { 200: SessionResponse, ...errors(400, 401, 423, 429) },
      },
    },
    async (request, reply) => {
      const signedIn = await app.auth.signIn(request.body);
      reply.startSession(signedIn);
      return sessionView(signedIn, request.body.mode === 'token' ? signedIn.token : undefined);
    },
  );

  app.post(
    '/auth/sign-out',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out; with everywhere=true every other session of the user ends too',
        querystring: SignOutQuery,
        response: { 204: Type.Null(), ...errors(401) },
      },
    },
    async (request, reply) => {
      if (request.query.everywhere) await app.auth.signOutEverywhere(request.staff.user);
      else await app.revokeSession(request.staff);
      reply.endSession();
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, their account and what they may do',
        response: { 200: SessionResponse, ...errors(401) },
      },
    },
    async (request) => sessionView(request.staff),
  );

  app.patch(
    '/auth/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own name or language',
        body: UpdateMeBody,
        response: { 200: UserSchema, ...errors(400, 401) },
      },
    },
    async (request) => {
      const { user } = request.staff;
      return toUserView(await app.users.update(user.accountId, user.id, request.body));
    },
  );

  app.post(
    '/auth/change-password',
    {
      config: { access: 'signed-in', rateLimit: limited },
      schema: {
        tags: ['auth'],
        summary: 'Change one’s password; every other session ends (wrong current passwords count towards the lockout)',
        body: ChangePasswordBody,
        response: { 200: SessionResponse, ...errors(400, 401, 423, 429) },
      },
    },
    async (request, reply) => {
      const signedIn = await app.auth.changePassword(
        request.staff.user,
        request.body.currentPassword,
        request.body.newPassword,
      );
      reply.startSession(signedIn);
      return sessionView(signedIn);
    },
  );

  app.post(
    '/auth/forgot-password',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['auth'],
        summary: 'E-mail a link to set a new password (the answer is the same for unknown addresses)',
        body: ForgotPasswordBody,
        response: { 202: AcceptedResponse, ...errors(400, 429) },
      },
    },
    async (request, reply) => {
      await app.auth.requestPasswordReset(request.body);
      return reply.status(202).send({
        message: 'If this address belongs to a user, a link to choose a new password is on its way.',
      });
    },
  );

  app.post(
    '/auth/password-links/inspect',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['auth'],
        summary: 'What a set-password link is for, without using it up',
        body: LinkBody,
        response: { 200: LinkInfo, ...errors(400, 429) },
      },
    },
    async (request) => {
      const found = await app.auth.inspectLink(request.body.token);
      if (!found) throw new AppError('invalid_link');
      return {
        purpose: found.purpose as 'invite' | 'reset' | 'unlock',
        firstName: found.user.firstName,
        email: found.user.email,
      };
    },
  );

  app.post(
    '/auth/set-password',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['auth'],
        summary: 'Choose a password through a mailed link (invitation, reset, unlock) and sign in',
        body: SetPasswordBody,
        response: { 200: SessionResponse, ...errors(400, 429) },
      },
    },
    async (request, reply) => {
      const signedIn = await app.auth.setPasswordWithLink(request.body.token, request.body.password);
      reply.startSession(signedIn);
      return sessionView(signedIn);
    },
  );
};

export default authRoutes;
