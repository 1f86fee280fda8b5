import type { AckFrame, ChatMessage, ConversationInfo, ConversationSummary } from '@interact/sdk/protocol';
import type { ConversationRow, MessageRow } from '../storage/schema.js';
import { visitorDisplayName } from '../visitors/visitors-repository.js';
import type { ConversationListing, VisitorConversation } from './conversations-repository.js';
import type { VisitorConversationView } from './conversations-schemas.js';

export function toChatMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    author: {
      kind: row.authorKind,
      ...(row.authorId ? { id: row.authorId } : {}),
      ...(row.authorName ? { name: row.authorName } : {}),
    },
    text: row.text,
    ...(row.clientMsgId ? { clientMsgId: row.clientMsgId } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}

/** The frames of a replay or a history, made as the rows are read. */
export function* messageFrames(rows: Iterable<MessageRow>): Generator<{ type: 'message'; message: ChatMessage }> {
  for (const row of rows) yield { type: 'message', message: toChatMessage(row) };
}

/** The answer to a send: what was stored, under the id the sender chose. */
export function toAckFrame(message: MessageRow): AckFrame {
  return {
    type: 'ack',
    clientMsgId: message.clientMsgId ?? '',
    id: message.id,
    seq: message.seq,
    conversationId: message.conversationId,
    createdAt: message.createdAt.toISOString(),
  };
}

export function toConversationInfo(row: ConversationRow): ConversationInfo {
  return { id: row.id, state: row.state, lastSeq: row.lastSeq, readSeq: row.staffReadSeq };
}

export function toConversationSummary(listing: ConversationListing, visitorOnline: boolean): ConversationSummary {
  const { conversation: c, visitor, assignee, lastMessage } = listing;
  return {
    id: c.id,
    channel: { id: c.channelId, name: listing.channelName },
    state: c.state,
    visitor: {
      id: visitor.id,
      name: visitorDisplayName(visitor),
      ...(visitor.email ? { email: visitor.email } : {}),
      verified: visitor.verified,
      online: visitorOnline,
    },
    assignee: assignee ? { id: assignee.id, name: `${assignee.firstName} ${assignee.lastName}`.trim() } : null,
    lastMessage: lastMessage
      ? { text: lastMessage.text, author: toChatMessage(lastMessage).author, createdAt: lastMessage.createdAt.toISOString() }
      : null,
    lastSeq: c.lastSeq,
    visitorReadSeq: c.visitorReadSeq,
    createdAt: c.createdAt.toISOString(),
    queuedAt: c.queuedAt ? c.queuedAt.toISOString() : null,
  };
}

export function toVisitorConversation({ conversation: c, assignee, lastMessage }: VisitorConversation): VisitorConversationView {
  return {
    id: c.id,
    state: c.state,
    createdAt: c.createdAt.toISOString(),
    closedAt: c.closedAt ? c.closedAt.toISOString() : null,
    assignee: assignee ? { id: assignee.id, name: `${assignee.firstName} ${assignee.lastName}`.trim() } : null,
    // Seqs run 1, 2, 3, … without gaps, so the last one is the count.
    messageCount: c.lastSeq,
    lastMessage: lastMessage
      ? {
          text: lastMessage.text,
          author: { kind: lastMessage.authorKind, ...(lastMessage.authorName ? { name: lastMessage.authorName } : {}) },
          createdAt: lastMessage.createdAt.toISOString(),
        }
      : null,
  };
}
