import type { Database } from 'better-sqlite3';

/** A message as it is written; ids and times are chosen by the hub before the write. */
export interface MessageToWrite {
  id: string;
  authorKind: 'visitor' | 'user' | 'bot' | 'system';
  authorId: string | null;
  authorName: string | null;
  text: string;
  clientMsgId: string | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** A message added to a conversation that must be open (staff, bot). */
export interface ConversationMessageWrite {
  kind: 'conversation-message';
  conversationId: string;
  message: MessageToWrite;
}

/**
 * A visitor's message: to the conversation the socket follows when it is still open, else to the
 * visitor's open one, else to a new one. The visitor is created first when `create` is given and
 * the row does not exist yet (an earlier write of the same socket may have created it).
 */
export interface VisitorMessageWrite {
  kind: 'visitor-message';
  accountId: string;
  channelId: string;
  visitor: { id: string; create?: { tokenHash: string; locale: string | null } };
  conversationId: string | null;
  /** The language of a conversation this write starts. */
  language: string | null;
  message: MessageToWrite;
}

export type MessageWrite = ConversationMessageWrite | VisitorMessageWrite;

export interface StoredMessageRef {
  conversationId: string;
  /** The id of the stored message: the one written, or the earlier one with the same clientMsgId. */
  messageId: string;
  seq: number;
  /** The clientMsgId was stored already; nothing was written. */
  duplicate: boolean;
}

export interface VisitorMessageStored extends StoredMessageRef {
  /** This write created the conversation. */
  started: boolean;
}

export interface MessageWrites {
  /** Null when the conversation is closed or gone. */
  append(conversationId: string, message: MessageToWrite): StoredMessageRef | null;
  visitorMessage(write: VisitorMessageWrite): VisitorMessageStored;
  apply(write: MessageWrite): StoredMessageRef | VisitorMessageStored | null;
}

export function messageWrites(sqlite: Database): MessageWrites;
