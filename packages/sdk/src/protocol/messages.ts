/**
 * Shapes shared by every direction of the protocol. Plain types: the hub validates what it
 * receives against its own compiled schemas; clients check only the frame's `type` (guards.ts).
 */

/** Who wrote a message. */
export type AuthorKind = 'visitor' | 'user' | 'bot' | 'system';

export interface Author {
  kind: AuthorKind;
  /** Staff user id for `user`; absent otherwise. */
  id?: string;
  /** Display name: the staff member's first name, the bot's name; absent for visitors. */
  name?: string;
}

/** One stored chat message. `seq` orders the conversation: 1, 2, 3, … without gaps. */
export interface ChatMessage {
  id: string;
  conversationId: string;
  seq: number;
  author: Author;
  text: string;
  /** The sender's id for idempotent resend; present on messages sent over a socket. */
  clientMsgId?: string;
  /** ISO 8601 time the hub stored it. */
  createdAt: string;
}

export type ConversationState = 'bot' | 'queued' | 'assigned' | 'closed';

/** Limits both sides enforce; the hub is the authority and refuses anything beyond them. */
export const LIMITS = {
  /** Characters in one message. */
  messageLength: 4000,
  /** Bytes in one WebSocket frame. */
  frameBytes: 16 * 1024,
  /** Length of a client message id. */
  clientMsgIdLength: 64,
} as const;

/** WebSocket close codes the hub uses (4000–4999 are for applications). */
export const CLOSE_CODES = {
  /** The hub is shutting down or restarting: reconnect. */
  goingAway: 1001,
  /** A frame was larger than LIMITS.frameBytes. */
  tooLarge: 1009,
  /** The page's origin is not allowed for this channel. */
  originRefused: 4003,
  /** The channel key is unknown or the channel is disabled. */
  unknownChannel: 4004,
  /** Too many sockets from this address, or too many messages too fast. */
  rateLimited: 4029,
  /** The session or visitor token is not valid (any more): sign in / start again. */
  unauthorized: 4001,
  /** No hello frame in time. */
  helloTimeout: 4008,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];
