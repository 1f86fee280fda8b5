import { randomUUID } from 'node:crypto';
import type { VisitorClientFrame, VisitorProfile } from '@interact/sdk/protocol';
import type { VisitorMessageStored } from '../../workers/message-writes.mjs';
import { messageFrames, toAckFrame, toConversationInfo } from '../conversations/conversation-views.js';
import { messageToWrite } from '../conversations/message-to-write.js';
import type { ConversationRow, VisitorRow } from '../storage/schema.js';
import { hashVisitorToken, identityVerified, newVisitorToken } from '../visitors/visitor-identity.js';
import type { ChatContext } from './chat-context.js';
import { refuseText } from './message-text.js';
import type { NewVisitor, VisitorConnection } from './connections.js';
import { availabilityFor } from './conversation-events.js';
import type { HandlerMap } from './handler-map.js';

function visitorInfo(visitor: VisitorRow) {
  const profile: VisitorProfile = {};
  if (visitor.firstName) profile.firstName = visitor.firstName;
  if (visitor.lastName) profile.lastName = visitor.lastName;
  if (visitor.email) profile.email = visitor.email;
  if (visitor.phone) profile.phone = visitor.phone;
  if (visitor.mobile) profile.mobile = visitor.mobile;
  if (visitor.birthDate) profile.birthDate = visitor.birthDate;
  return { id: visitor.id, verified: visitor.verified, profile };
}

/**
 * Handlers for the visitor socket. Each one reaches its database write synchronously, so frames
 * from one socket are committed in the order they arrived, and acknowledged after the commit.
 */
export function visitorHandlers(ctx: ChatContext): HandlerMap<VisitorClientFrame, VisitorConnection> {
  const { registry, committer, conversations, visitors, events } = ctx;

  /** Who this socket's first write creates, chosen once (the writes in flight all name them). */
  function newVisitor(conn: VisitorConnection): NewVisitor {
    if (!conn.newVisitor) {
      const token = newVisitorToken();
      conn.newVisitor = { id: randomUUID(), token, tokenHash: hashVisitorToken(token) };
    }
    return conn.newVisitor;
  }

  /**
   * The socket's visitor row, created on first need, inside a write of the committer. Changes
   * nothing on the socket: that write may still roll back (`adoptVisitor` follows its commit).
   */
  function ensureVisitor(conn: VisitorConnection): VisitorRow {
    if (conn.visitor) return conn.visitor;
    const fresh = newVisitor(conn);
    // A message write queued earlier may have created the row already.
    return visitors.get(conn.channel.accountId, fresh.id) ?? visitors.create(conn.channel, fresh.tokenHash, conn.locale, fresh.id);
  }

  /**
   * A write that stored or found the socket's visitor is on disk: the socket knows its visitor from
   * now on. Returns the token of a visitor created for this socket, for the browser, once: with the
   * first answer that succeeds, whichever write created the row (one may have committed and still
   * failed, at its fsync, and then its retry finds the row there).
   */
  function adoptVisitor(conn: VisitorConnection, visitor: VisitorRow): string | undefined {
    conn.visitor = visitor;
    const token = conn.newVisitor?.token;
    conn.newVisitor = undefined;
    return token;
  }

  function follow(conn: VisitorConnection, visitor: VisitorRow | null, conversation: ConversationRow | null) {
    const previous = { visitorId: conn.visitor?.id, conversationId: conn.conversation?.id };
    conn.visitor = visitor;
    conn.conversation = conversation;
    registry.placeVisitor(conn, previous);
  }

  return {
    async hello(conn, frame) {
      if (conn.helloDone) {
        conn.send({ type: 'error', code: 'bad_frame', message: 'hello was already sent on this socket' });
        return;
      }
      conn.helloDone = true;
      conn.locale = frame.locale;
      const visitor = frame.visitorToken
        ? visitors.findByTokenHash(conn.channel.id, hashVisitorToken(frame.visitorToken)) ?? null
        : null;
      const conversation = visitor ? conversations.latestOfVisitor(visitor.id) ?? null : null;
      const wasOnline = visitor ? registry.visitorOnline(visitor.id) : true;
      follow(conn, visitor, conversation);
      const { channel } = conn;
      conn.send({
        type: 'welcome',
        channel: { name: channel.name, greeting: channel.greeting, color: channel.theme.color, position: channel.theme.position },
        availability: availabilityFor(registry, channel),
        visitor: visitor ? visitorInfo(visitor) : null,
        conversation: conversation ? toConversationInfo(conversation) : null,
      });
      if (conversation) {
        if (!wasOnline) events.visitorPresence(conversation, true);
        const after = frame.conversationId === conversation.id ? (frame.lastSeq ?? 0) : 0;
        await conn.sendAll(messageFrames(conversations.allMessagesAfter(conversation.id, after)));
      }
    },

    async send(conn, frame) {
      if (!conn.sends.take()) {
        conn.send({ type: 'error', code: 'rate_limited', message: 'Too many messages: wait a moment.', clientMsgId: frame.clientMsgId });
        return;
      }
      const refusal = refuseText(frame.text, frame.clientMsgId);
      if (refusal) {
        conn.send(refusal);
        return;
      }
      const fresh = conn.visitor ? undefined : newVisitor(conn);
      const visitorId = conn.visitor?.id ?? fresh!.id;
      const known = conn.conversation;
      const written = messageToWrite({
        authorKind: 'visitor',
        authorId: visitorId,
        authorName: null,
        text: frame.text,
        clientMsgId: frame.clientMsgId,
      });
      let stored: VisitorMessageStored;
      try {
        stored = await committer.writeMessage({
          kind: 'visitor-message',
          accountId: conn.channel.accountId,
          channelId: conn.channel.id,
          visitor: { id: visitorId, ...(fresh ? { create: { tokenHash: fresh.tokenHash, locale: conn.locale ?? null } } : {}) },
          // Usually the socket follows the visitor's open conversation (they have at most one).
          conversationId: known?.visitorId === visitorId && known.state !== 'closed' ? known.id : null,
          language: conn.locale ?? null,
          message: written,
        });
      } catch (error) {
        ctx.log.error({ err: error }, 'could not store a visitor message');
        conn.send({ type: 'error', code: 'internal', message: 'The message could not be stored: send it again.', clientMsgId: frame.clientMsgId });
        return;
      }
      const { accountId } = conn.channel;
      const { started, duplicate } = stored;
      const token = conn.visitor ? undefined : adoptVisitor(conn, visitors.get(accountId, visitorId)!);
      const visitor = conn.visitor!;
      const message = conversations.storedMessage(accountId, written, stored);
      // The socket's copy with the new seq, unless the message went elsewhere: then it is read.
      const current = conn.conversation;
      const conversation =
        !duplicate && current?.id === stored.conversationId
          ? { ...current, lastSeq: stored.seq, updatedAt: message.createdAt }
          : conversations.get(accountId, stored.conversationId)!;
      if (token) conn.send({ type: 'visitor', visitorToken: token, visitor: visitorInfo(visitor) });
      // Every tab of this visitor moves to the conversation the message went to (a new one, or one
      // another tab started), and learns about it before the ack that refers to it.
      const moved: VisitorConnection[] = [];
      if (conn.conversation?.id !== conversation.id) moved.push(conn);
      for (const tab of registry.connectionsOfVisitor(visitor.id)) {
        if (tab !== conn && tab.conversation?.id !== conversation.id) moved.push(tab);
      }
      for (const tab of moved) follow(tab, visitor, conversation);
      // A new conversation is news for the staff inboxes too; that event also tells the tabs.
      if (started) events.conversationChanged(conversation);
      else for (const tab of moved) tab.send({ type: 'conversation', conversation: toConversationInfo(conversation) });
      conn.conversation = conversation;
      conn.send(toAckFrame(message));
      if (!duplicate) events.messageAdded(message, conversation, { visitor: conn });
    },

    typing(conn, frame) {
      const { conversation } = conn;
      if (!conversation || conversation.state === 'closed') return;
      events.toStaffShowing(conversation, {
        type: 'typing',
        conversationId: conversation.id,
        author: { kind: 'visitor' },
        typing: frame.typing,
      });
    },

    async read(conn, frame) {
      const current = conn.conversation;
      if (!current) return;
      const updated = await committer.run(() => conversations.markRead(current.accountId, current.id, 'visitor', frame.seq));
      if (!updated) return;
      conn.conversation = updated;
      events.toStaffShowing(updated, { type: 'read', conversationId: updated.id, by: 'visitor', seq: updated.visitorReadSeq });
    },

    async identify(conn, frame) {
      const { profile, userHash } = frame;
      const subject = profile.userId ?? profile.email;
      const verified = Boolean(userHash && subject && identityVerified(conn.channel.identitySecret, subject, userHash));
      if ((userHash && !verified) || (conn.channel.requireVerifiedIdentity && !verified)) {
        conn.send({
          type: 'error',
          code: 'identity_not_verified',
          message: 'This site requires a verified identity: the userHash does not match.',
        });
        return;
      }
      const updated = await committer.run(() => {
        const visitor = ensureVisitor(conn);
        return visitors.updateProfile(visitor.accountId, visitor.id, {
          ...(profile.firstName !== undefined ? { firstName: profile.firstName } : {}),
          ...(profile.lastName !== undefined ? { lastName: profile.lastName } : {}),
          ...(profile.email !== undefined ? { email: profile.email } : {}),
          ...(profile.phone !== undefined ? { phone: profile.phone } : {}),
          ...(profile.mobile !== undefined ? { mobile: profile.mobile } : {}),
          ...(profile.birthDate !== undefined ? { birthDate: profile.birthDate } : {}),
          ...(profile.userId !== undefined ? { externalId: profile.userId } : {}),
          verified,
        });
      });
      const token = adoptVisitor(conn, updated);
      registry.placeVisitor(conn, {});
      conn.send({ type: 'visitor', ...(token ? { visitorToken: token } : {}), visitor: visitorInfo(updated) });
      // Inboxes show the visitor's new name. Re-read: this socket's copy of the conversation may be
      // stale (messages from other tabs and staff do not update it), and the event sends it out.
      const current = conn.conversation && conversations.get(conn.conversation.accountId, conn.conversation.id);
      if (current && current.state !== 'closed') events.conversationChanged(current);
    },
  };
}
