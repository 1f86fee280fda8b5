import { and, asc, desc, eq, gt, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { MessageToWrite, StoredMessageRef } from '../../workers/message-writes.mjs';
import type { Database } from '../storage/database.js';
import {
  channels,
  conversations,
  messages,
  users,
  visitors,
  type ConversationRow,
  type MessageRow,
} from '../storage/schema.js';

/** A conversation with what the inbox shows about it. */
export interface ConversationListing {
  conversation: ConversationRow;
  channelName: string;
  visitor: { id: string; firstName: string | null; lastName: string | null; email: string | null; verified: boolean };
  assignee: { id: string; firstName: string; lastName: string } | null;
  lastMessage: MessageRow | null;
}

/** A conversation as a visitor's history lists it: who had it, how long it was, how it ended. */
export interface VisitorConversation {
  conversation: ConversationRow;
  assignee: { id: string; firstName: string; lastName: string } | null;
  lastMessage: MessageRow | null;
}

/** Who may hold a conversation when it is assigned by hand: only the states a person works in. */
const ASSIGNABLE_STATES = ['queued', 'assigned'] as const;

/**
 * Conversations and their messages. Write methods are synchronous so they can run inside the
 * group committer's transaction; the caller acknowledges only once that transaction committed.
 */
export function conversationsRepository({ db }: Database) {
  // Every message runs these: built and prepared once, run with placeholders. Building a drizzle
  // query and compiling its SQL per call cost about 5 times the CPU of storing the message.
  const $ = sql.placeholder;
  const byIdQuery = db
    .select()
    .from(conversations)
    .where(and(eq(conversations.accountId, $('accountId')), eq(conversations.id, $('id'))))
    .prepare();
  const latestOfVisitorQuery = db
    .select()
    .from(conversations)
    .where(eq(conversations.visitorId, $('visitorId')))
    .orderBy(desc(conversations.createdAt))
    .limit(1)
    .prepare();
  const messageQuery = db
    .select()
    .from(messages)
    .where(and(eq(messages.accountId, $('accountId')), eq(messages.id, $('id'))))
    .prepare();
  const byId = (accountId: string, id: string): ConversationRow | undefined => byIdQuery.get({ accountId, id });

  return {
    get: byId,

    /** The visitor's most recent conversation on their channel, open or closed. */
    latestOfVisitor(visitorId: string): ConversationRow | undefined {
      return latestOfVisitorQuery.get({ visitorId });
    },

    /**
     * The message a message write stored (workers/message-writes.mjs): the one it wrote, built from
     * what was written, or the one stored earlier under the same clientMsgId, read back.
     */
    storedMessage(accountId: string, written: MessageToWrite, stored: StoredMessageRef): MessageRow {
      if (stored.duplicate) return messageQuery.get({ accountId, id: stored.messageId })!;
      // Spelled out (no spread): the object has the shape of every other message row.
      return {
        id: written.id,
        accountId,
        conversationId: stored.conversationId,
        seq: stored.seq,
        authorKind: written.authorKind,
        authorId: written.authorId,
        authorName: written.authorName,
        text: written.text,
        clientMsgId: written.clientMsgId,
        createdAt: new Date(written.createdAt),
      };
    },

    messagesAfter(conversationId: string, afterSeq: number, limit = 1000): MessageRow[] {
      return db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, afterSeq)))
        .orderBy(asc(messages.seq))
        .limit(limit)
        .all();
    },

    /**
     * Every message after `afterSeq`, in order, read a page at a time: what a socket coming back
     * missed, however much that is.
     */
    *allMessagesAfter(conversationId: string, afterSeq: number, pageSize = 1000): Generator<MessageRow> {
      let after = afterSeq;
      for (;;) {
        const page = this.messagesAfter(conversationId, after, pageSize);
        yield* page;
        if (page.length < pageSize) return;
        after = page[page.length - 1]!.seq;
      }
    },

    /** Every conversation of a visitor, open or closed, newest first. */
    ofVisitor(accountId: string, visitorId: string): VisitorConversation[] {
      const lastMessages = alias(messages, 'last_message');
      const rows = db
        .select({
          conversation: conversations,
          assigneeFirst: users.firstName,
          assigneeLast: users.lastName,
          lastMessage: lastMessages,
        })
        .from(conversations)
        .leftJoin(users, eq(users.id, conversations.assigneeId))
        .leftJoin(
          lastMessages,
          and(eq(lastMessages.conversationId, conversations.id), eq(lastMessages.seq, conversations.lastSeq)),
        )
        .where(and(eq(conversations.accountId, accountId), eq(conversations.visitorId, visitorId)))
        // Two conversations created in the same millisecond still come out in a stable order.
        .orderBy(desc(conversations.createdAt), desc(sql`${conversations}.rowid`))
        .all();
      return rows.map((row) => ({
        conversation: row.conversation,
        assignee:
          row.conversation.assigneeId && row.assigneeFirst !== null
            ? { id: row.conversation.assigneeId, firstName: row.assigneeFirst, lastName: row.assigneeLast ?? '' }
            : null,
        lastMessage: row.lastMessage,
      }));
    },

    /**
     * Gives an open conversation to `userId`. With `onlyFrom`, only while that user holds it, so a
     * transfer cannot take back a conversation someone else got (or that was closed) in between.
     */
    assign(accountId: string, id: string, userId: string, onlyFrom?: string): ConversationRow | undefined {
      return db
        .update(conversations)
        .set({ state: 'assigned', assigneeId: userId, updatedAt: new Date() })
        .where(
          and(
            eq(conversations.accountId, accountId),
            eq(conversations.id, id),
            inArray(conversations.state, [...ASSIGNABLE_STATES]),
            onlyFrom ? eq(conversations.assigneeId, onlyFrom) : undefined,
          ),
        )
        .returning()
        .get();
    },

    /** Takes a queued conversation; only one of several simultaneous takers gets it. */
    take(accountId: string, id: string, userId: string): ConversationRow | undefined {
      return db
        .update(conversations)
        .set({ state: 'assigned', assigneeId: userId, updatedAt: new Date() })
        .where(and(eq(conversations.accountId, accountId), eq(conversations.id, id), eq(conversations.state, 'queued')))
        .returning()
        .get();
    },

    close(accountId: string, id: string): ConversationRow | undefined {
      const now = new Date();
      return db
        .update(conversations)
        .set({ state: 'closed', closedAt: now, updatedAt: now })
        .where(and(eq(conversations.accountId, accountId), eq(conversations.id, id), ne(conversations.state, 'closed')))
        .returning()
        .get();
    },

    markRead(accountId: string, id: string, by: 'visitor' | 'staff', seq: number): ConversationRow | undefined {
      const column = by === 'visitor' ? conversations.visitorReadSeq : conversations.staffReadSeq;
      const current = byId(accountId, id);
      if (!current) return undefined;
      const bounded = Math.min(seq, current.lastSeq);
      if (bounded <= (by === 'visitor' ? current.visitorReadSeq : current.staffReadSeq)) return undefined;
      return db
        .update(conversations)
        .set(by === 'visitor' ? { visitorReadSeq: bounded } : { staffReadSeq: bounded })
        .where(and(eq(conversations.id, id), ne(column, bounded)))
        .returning()
        .get();
    },

    /** Open conversations of an account with what the inbox shows; `where` narrows them further. */
    listings(accountId: string, where?: SQL, ids?: string[]): ConversationListing[] {
      // The last message comes in the same query: one query per conversation made a staff
      // welcome with 800 open conversations block for about 80 ms.
      const lastMessages = alias(messages, 'last_message');
      const rows = db
        .select({
          conversation: conversations,
          channelName: channels.name,
          visitor: {
            id: visitors.id,
            firstName: visitors.firstName,
            lastName: visitors.lastName,
            email: visitors.email,
            verified: visitors.verified,
          },
          assigneeFirst: users.firstName,
          assigneeLast: users.lastName,
          lastMessage: lastMessages,
        })
        .from(conversations)
        .innerJoin(channels, eq(channels.id, conversations.channelId))
        .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
        .leftJoin(users, eq(users.id, conversations.assigneeId))
        .leftJoin(
          lastMessages,
          and(eq(lastMessages.conversationId, conversations.id), eq(lastMessages.seq, conversations.lastSeq)),
        )
        .where(
          and(
            eq(conversations.accountId, accountId),
            ids ? inArray(conversations.id, ids) : ne(conversations.state, 'closed'),
            where,
          ),
        )
        .orderBy(asc(conversations.createdAt))
        .all();
      return rows.map((row) => ({
        conversation: row.conversation,
        channelName: row.channelName,
        visitor: row.visitor,
        assignee:
          row.conversation.assigneeId && row.assigneeFirst !== null
            ? { id: row.conversation.assigneeId, firstName: row.assigneeFirst, lastName: row.assigneeLast ?? '' }
            : null,
        lastMessage: row.lastMessage,
      }));
    },

    /** Conversations a staff member's inbox shows: the queue and their own, or every open one. */
    visibleTo(accountId: string, userId: string, seesAll: boolean): ConversationListing[] {
      return this.listings(
        accountId,
        seesAll ? undefined : or(eq(conversations.state, 'queued'), eq(conversations.assigneeId, userId)),
      );
    },
  };
}

export type ConversationsRepository = ReturnType<typeof conversationsRepository>;
