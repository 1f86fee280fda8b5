import { Type, type Static } from 'typebox';
import { Id, Timestamp } from '../http/common-schemas.js';
import { AUTHOR_KINDS, CONVERSATION_STATES } from '../storage/schema.js';

const AuthorKind = Type.Enum(AUTHOR_KINDS, { description: 'visitor, user (staff), bot or system' });

/** ChatMessage of @interact/sdk/protocol (messages.ts). */
export const ChatMessageSchema = Type.Object(
  {
    id: Id,
    conversationId: Id,
    seq: Type.Integer({ minimum: 1, description: 'Order in the conversation: 1, 2, 3, … without gaps' }),
    author: Type.Object({
      kind: AuthorKind,
      id: Type.Optional(Type.String({ description: 'Staff user id, for kind "user"' })),
      name: Type.Optional(Type.String()),
    }),
    text: Type.String(),
    clientMsgId: Type.Optional(Type.String()),
    createdAt: Timestamp,
  },
  { description: 'A chat message' },
);

export const ConversationParams = Type.Object({ id: Id }, { additionalProperties: false });

export const MessagesQuery = Type.Object(
  {
    afterSeq: Type.Integer({ minimum: 0, default: 0, description: 'Messages after this seq (0: from the start)' }),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
  },
  { additionalProperties: false },
);

export const MessagesPage = Type.Object({ messages: Type.Array(ChatMessageSchema) });

export const VisitorConversationSchema = Type.Object(
  {
    id: Id,
    state: Type.Enum(CONVERSATION_STATES),
    createdAt: Timestamp,
    closedAt: Type.Union([Timestamp, Type.Null()]),
    assignee: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
    messageCount: Type.Integer({ minimum: 0 }),
    lastMessage: Type.Union([
      Type.Object({
        text: Type.String(),
        author: Type.Object({ kind: AuthorKind, name: Type.Optional(Type.String()) }),
        createdAt: Timestamp,
      }),
      Type.Null(),
    ]),
  },
  { description: 'One of a visitor’s conversations, open or closed' },
);
export type VisitorConversationView = Static<typeof VisitorConversationSchema>;
