import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../errors/catalogue.js';
import { errors } from '../http/common-schemas.js';
import { VisitorParams } from '../visitors/visitors-schemas.js';
import { toChatMessage, toVisitorConversation } from './conversation-views.js';
import { ConversationParams, MessagesPage, MessagesQuery, VisitorConversationSchema } from './conversations-schemas.js';

/**
 * Conversations read back over HTTP: a visitor's earlier ones and any one's messages, closed ones
 * included (read-only). The live inbox is the staff socket's.
 */
const conversationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const common = { tags: ['conversations'] };

  app.get(
    '/visitors/:id/conversations',
    {
      config: { access: 'inbox.use' },
      schema: {
        ...common,
        summary: 'A visitor’s conversations, newest first',
        params: VisitorParams,
        response: { 200: Type.Array(VisitorConversationSchema), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = request.staff;
      const visitor = app.visitors.get(account.id, request.params.id);
      if (!visitor) throw new AppError('visitor_not_found');
      return app.conversations.ofVisitor(account.id, visitor.id).map(toVisitorConversation);
    },
  );

  app.get(
    '/conversations/:id/messages',
    {
      config: { access: 'inbox.use' },
      schema: {
        ...common,
        summary: 'Messages of a conversation after a seq, in order (open or closed)',
        params: ConversationParams,
        querystring: MessagesQuery,
        response: { 200: MessagesPage, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const conversation = app.conversations.get(request.staff.account.id, request.params.id);
      if (!conversation) throw new AppError('conversation_not_found');
      const { afterSeq, limit } = request.query;
      return { messages: app.conversations.messagesAfter(conversation.id, afterSeq, limit).map(toChatMessage) };
    },
  );
};

export default conversationsRoutes;
