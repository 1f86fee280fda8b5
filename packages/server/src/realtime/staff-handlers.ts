import type { StaffClientFrame } from '@interact/sdk/protocol';
import { roleMay } from '../auth/permissions.js';
import { messageFrames, toAckFrame } from '../conversations/conversation-views.js';
import { messageToWrite } from '../conversations/message-to-write.js';
import type { ConversationRow } from '../storage/schema.js';
import type { ChatContext } from './chat-context.js';
import { refuseText } from './message-text.js';
import type { StaffConnection } from './connections.js';
import type { HandlerMap } from './handler-map.js';

type Problem = 'conversation_not_found' | 'conversation_closed' | 'already_taken' | 'forbidden' | 'user_not_found';

const PROBLEM_MESSAGES: Record<Problem, string> = {
  conversation_not_found: 'No such conversation.',
  conversation_closed: 'This conversation is closed.',
  already_taken: 'Someone else took this conversation first.',
  forbidden: 'This conversation is assigned to someone else.',
  user_not_found: 'No such staff member: they must be an active administrator, supervisor or agent of this account.',
};

/** Why a request was refused; the message defaults to the code's. */
interface Refusal {
  code: Problem;
  message?: string;
}

const ASSIGN_FORBIDDEN = 'Only the conversation’s assignee or a supervisor can hand it to someone else.';
const BOT_HAS_IT = 'The bot is answering this conversation: it can be assigned once it is handed to a person.';

/** Handlers for the staff socket; the connection is authenticated before any of them runs. */
export function staffHandlers(ctx: ChatContext): HandlerMap<StaffClientFrame, StaffConnection> {
  const { committer, conversations, events } = ctx;

  function fail(conn: StaffConnection, code: Problem, ref?: string, clientMsgId?: string, message?: string) {
    conn.send({
      type: 'error',
      code,
      message: message ?? PROBLEM_MESSAGES[code],
      ...(ref ? { ref } : {}),
      ...(clientMsgId ? { clientMsgId } : {}),
    });
  }

  function done(conn: StaffConnection, ref: string | undefined) {
    if (ref) conn.send({ type: 'done', ref });
  }

  /** The conversation, if this user may act on it: their own, the queue's, or any with conversations.all. */
  function actionable(conn: StaffConnection, id: string): ConversationRow | Problem {
    const conversation = conversations.get(conn.account.id, id);
    if (!conversation) return 'conversation_not_found';
    if (conversation.state === 'closed') return 'conversation_closed';
    if (roleMay(conn.user.role, 'conversations.all')) return conversation;
    if (conversation.state === 'queued' || conversation.assigneeId === conn.user.id) return conversation;
    return conversation.state === 'assigned' ? 'already_taken' : 'forbidden';
  }

  async function take(conn: StaffConnection, id: string): Promise<ConversationRow | Problem> {
    const taken = await committer.run(() => conversations.take(conn.account.id, id, conn.user.id));
    if (taken) {
      events.conversationChanged(taken, 'taken');
      return taken;
    }
    const current = conversations.get(conn.account.id, id);
    if (!current) return 'conversation_not_found';
    if (current.state === 'closed') return 'conversation_closed';
    return current.assigneeId === conn.user.id ? current : 'already_taken';
  }

  /**
   * Hands a conversation to `userId`, if the caller may: its assignee hands on their own (only while
   * they still hold it), anyone with conversations.all any open one, queued ones included.
   */
  async function assign(conn: StaffConnection, id: string, userId: string): Promise<ConversationRow | Refusal> {
    const current = conversations.get(conn.account.id, id);
    if (!current) return { code: 'conversation_not_found' };
    if (current.state === 'closed') return { code: 'conversation_closed' };
    const seesAll = roleMay(conn.user.role, 'conversations.all');
    if (!seesAll && current.assigneeId !== conn.user.id) return { code: 'forbidden', message: ASSIGN_FORBIDDEN };
    if (current.state === 'bot') return { code: 'forbidden', message: BOT_HAS_IT };
    const target = await ctx.users.get(conn.account.id, userId);
    if (!target?.active || !roleMay(target.role, 'inbox.use')) return { code: 'user_not_found' };
    if (current.state === 'assigned' && current.assigneeId === target.id) return current;
    const assigned = await committer.run(() =>
      conversations.assign(conn.account.id, id, target.id, seesAll ? undefined : conn.user.id),
    );
    if (assigned) {
      events.conversationChanged(assigned, 'transferred');
      return assigned;
    }
    // Closed, or handed on by someone else, between the checks and the write.
    const now = conversations.get(conn.account.id, id);
    if (!now) return { code: 'conversation_not_found' };
    return now.state === 'closed' ? { code: 'conversation_closed' } : { code: 'forbidden', message: ASSIGN_FORBIDDEN };
  }

  return {
    hello(conn) {
      conn.send({ type: 'error', code: 'bad_frame', message: 'hello was already sent on this socket' });
    },

    async take(conn, frame) {
      const result = await take(conn, frame.conversationId);
      if (typeof result === 'string') fail(conn, result, frame.ref);
      else done(conn, frame.ref);
    },

    async send(conn, frame) {
      const refusal = refuseText(frame.text, frame.clientMsgId);
      if (refusal) {
        conn.send(refusal);
        return;
      }
      let conversation = actionable(conn, frame.conversationId);
      // Answering a waiting conversation takes it.
      if (typeof conversation !== 'string' && conversation.state === 'queued') {
        conversation = await take(conn, conversation.id);
      }
      if (typeof conversation === 'string') return fail(conn, conversation, undefined, frame.clientMsgId);
      const target = conversation;
      const written = messageToWrite({
        authorKind: 'user',
        authorId: conn.user.id,
        authorName: conn.user.firstName,
        text: frame.text,
        clientMsgId: frame.clientMsgId,
      });
      const stored = await committer.writeMessage({ kind: 'conversation-message', conversationId: target.id, message: written });
      // Closed between the check above and the write.
      if (!stored) return fail(conn, 'conversation_closed', undefined, frame.clientMsgId);
      const { duplicate } = stored;
      const message = conversations.storedMessage(target.accountId, written, stored);
      const updated = duplicate
        ? conversations.get(target.accountId, target.id)!
        : { ...target, lastSeq: stored.seq, updatedAt: message.createdAt };
      conn.send(toAckFrame(message));
      if (!duplicate) events.messageAdded(message, updated, { staff: conn });
    },

    typing(conn, frame) {
      const conversation = actionable(conn, frame.conversationId);
      if (typeof conversation === 'string') return;
      const frameOut = {
        type: 'typing',
        conversationId: conversation.id,
        author: { kind: 'user', id: conn.user.id, name: conn.user.firstName },
        typing: frame.typing,
      } as const;
      for (const visitor of ctx.registry.visitorsOfConversation(conversation.id)) visitor.send(frameOut);
    },

    async read(conn, frame) {
      const conversation = actionable(conn, frame.conversationId);
      if (typeof conversation === 'string') return;
      const updated = await committer.run(() =>
        conversations.markRead(conn.account.id, conversation.id, 'staff', frame.seq),
      );
      if (!updated) return;
      const out = { type: 'read', conversationId: updated.id, by: 'staff', seq: updated.staffReadSeq } as const;
      for (const visitor of ctx.registry.visitorsOfConversation(updated.id)) visitor.send(out);
      events.toStaffShowing(updated, out, conn);
    },

    async close(conn, frame) {
      const conversation = actionable(conn, frame.conversationId);
      if (typeof conversation === 'string') return fail(conn, conversation, frame.ref);
      const closed = await committer.run(() => conversations.close(conn.account.id, conversation.id));
      if (!closed) return fail(conn, 'conversation_closed', frame.ref);
      events.conversationChanged(closed, 'closed');
      done(conn, frame.ref);
    },

    async assign(conn, frame) {
      const result = await assign(conn, frame.conversationId, frame.userId);
      if ('code' in result) fail(conn, result.code, frame.ref, undefined, result.message);
      else done(conn, frame.ref);
    },

    async history(conn, frame) {
      const conversation = conversations.get(conn.account.id, frame.conversationId);
      const allowed =
        conversation &&
        (roleMay(conn.user.role, 'conversations.all') ||
          conversation.state === 'queued' ||
          conversation.assigneeId === conn.user.id);
      if (!conversation || !allowed) return fail(conn, 'conversation_not_found', frame.ref);
      await conn.sendAll(messageFrames(conversations.allMessagesAfter(conversation.id, frame.afterSeq)));
      done(conn, frame.ref);
    },
  };
}
