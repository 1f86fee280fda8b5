import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../errors/catalogue.js';
import { errors } from '../http/common-schemas.js';
import type { ChannelTheme } from '../storage/schema.js';
import { exactOrigins } from './allowed-origins.js';
import { toChannelView } from './channel-view.js';
import { ChannelParams, ChannelSchema, CreateChannelBody, UpdateChannelBody } from './channels-schemas.js';

/** Web chat channels, for Administrators. */
const channelsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const common = { tags: ['channels'] };

  app.get(
    '/channels',
    {
      config: { access: 'channels.manage' },
      schema: { ...common, summary: 'The account’s channels', response: { 200: Type.Array(ChannelSchema), ...errors(401, 403) } },
    },
    async (request) => (await app.channels.list(request.staff.account.id)).map(toChannelView),
  );

  app.get(
    '/channels/:id',
    {
      config: { access: 'channels.manage' },
      schema: { ...common, summary: 'One channel', params: ChannelParams, response: { 200: ChannelSchema, ...errors(401, 403, 404) } },
    },
    async (request) => {
      const channel = await app.channels.get(request.staff.account.id, request.params.id);
      if (!channel) throw new AppError('channel_not_found');
      return toChannelView(channel);
    },
  );

  app.post(
    '/channels',
    {
      config: { access: 'channels.manage' },
      schema: {
        ...common,
        summary: 'Create a web chat channel (the account needs the "sdk" option)',
        body: CreateChannelBody,
        response: { 201: ChannelSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { account } = request.staff;
      if (!account.options.includes('sdk')) throw new AppError('sdk_option_required');
      const body = request.body;
      const channel = await app.channels.create(account.id, {
        name: body.name.trim(),
        allowedOrigins: exactOrigins(body.allowedOrigins),
        awayMessage: body.awayMessage,
        greeting: body.greeting,
        theme: body.theme as ChannelTheme,
        requireVerifiedIdentity: body.requireVerifiedIdentity,
      });
      return reply.status(201).send(toChannelView(channel));
    },
  );

  app.patch(
    '/channels/:id',
    {
      config: { access: 'channels.manage' },
      schema: {
        ...common,
        summary: 'Change a channel',
        params: ChannelParams,
        body: UpdateChannelBody,
        response: { 200: ChannelSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { theme, allowedOrigins, name, ...rest } = request.body;
      const channel = await app.channels.update(request.staff.account.id, request.params.id, {
        ...rest,
        ...(name !== undefined ? { name: name.trim() } : {}),
        ...(allowedOrigins ? { allowedOrigins: exactOrigins(allowedOrigins) } : {}),
        ...(theme ? { theme: theme as ChannelTheme } : {}),
      });
      app.realtime.channelChanged(channel);
      return toChannelView(channel);
    },
  );

  app.post(
    '/channels/:id/rotate-identity-secret',
    {
      config: { access: 'channels.manage' },
      schema: {
        ...common,
        summary: 'Replace the identity secret (visitors verified with the old one must identify again)',
        params: ChannelParams,
        response: { 200: ChannelSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const channel = await app.channels.rotateIdentitySecret(request.staff.account.id, request.params.id);
      app.realtime.channelChanged(channel);
      return toChannelView(channel);
    },
  );

  app.delete(
    '/channels/:id',
    {
      config: { access: 'channels.manage' },
      schema: { ...common, summary: 'Delete a channel with its conversations', params: ChannelParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } },
    },
    async (request, reply) => {
      await app.channels.delete(request.staff.account.id, request.params.id);
      app.realtime.channelDeleted(request.staff.account.id, request.params.id);
      return reply.status(204).send(null);
    },
  );
};

export default channelsRoutes;
