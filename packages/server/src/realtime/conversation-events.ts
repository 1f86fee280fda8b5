import type { Availability, StaffServerFrame, VisitorServerFrame } from '@interact/sdk/protocol';
import { roleMay } from '../auth/permissions.js';
import { toChatMessage, toConversationInfo, toConversationSummary } from '../conversations/conversation-views.js';
import type { ConversationsRepository } from '../conversations/conversations-repository.js';
import type { ChannelRow, ConversationRow, MessageRow, UserRow } from '../storage/schema.js';
import { encodeFrame, type ConnectionRegistry, type EncodedFrame, type StaffConnection, type VisitorConnection } from './connections.js';

/** Whether a staff member's inbox shows a conversation. */
export function inboxShows(user: Pick<UserRow, 'id' | 'role'>, conversation: ConversationRow): boolean {
  if (conversation.state === 'closed') return false;
  if (roleMay(user.role, 'conversations.all')) return true;
  return conversation.state === 'queued' || conversation.assigneeId === user.id;
}

export function availabilityFor(registry: ConnectionRegistry, channel: ChannelRow): Availability {
  return registry.staffOnline(channel.accountId) > 0
    ? { status: 'online' }
    : { status: 'away', awayMessage: channel.awayMessage };
}

/**
 * Tells everyone concerned that something happened to a conversation: staff inboxes gain, update
 * or drop it; the visitor's tabs learn its state; messages reach whoever shows the conversation.
 * Frames are serialised once per audience.
 */
export function conversationEvents(registry: ConnectionRegistry, conversations: ConversationsRepository) {
  function summaryOf(conversation: ConversationRow) {
    const listing = conversations.listings(conversation.accountId, undefined, [conversation.id])[0];
    return listing && toConversationSummary(listing, registry.visitorOnline(conversation.visitorId));
  }

  /** Frames going to many sockets are serialised once, when the first socket needs them. */
  function toStaffShowing(conversation: ConversationRow, frame: StaffServerFrame, except?: StaffConnection): void {
    let encoded: EncodedFrame<StaffServerFrame> | undefined;
    for (const staff of registry.staffOfAccount(conversation.accountId)) {
      if (staff !== except && staff.visible.has(conversation.id)) staff.sendEncoded((encoded ??= encodeFrame(frame)));
    }
  }

  return {
    toStaffShowing,

    /** The conversation was created or its state, assignee or visitor changed. */
    conversationChanged(conversation: ConversationRow, reason: 'taken' | 'closed' | 'transferred' = 'taken'): void {
      const summary = summaryOf(conversation);
      const update = summary && encodeFrame<StaffServerFrame>({ type: 'conversation', conversation: summary });
      for (const staff of registry.staffOfAccount(conversation.accountId)) {
        if (update && inboxShows(staff.user, conversation)) {
          staff.visible.add(conversation.id);
          staff.sendEncoded(update);
        } else if (staff.visible.delete(conversation.id)) {
          staff.send({
            type: 'conversation-removed',
            conversationId: conversation.id,
            reason: conversation.state === 'closed' ? 'closed' : reason,
          });
        }
      }
      const info = encodeFrame<VisitorServerFrame>({ type: 'conversation', conversation: toConversationInfo(conversation) });
      for (const visitor of registry.visitorsOfConversation(conversation.id)) {
        visitor.conversation = conversation;
        visitor.sendEncoded(info);
      }
    },

    /**
     * What staff see of a conversation changed, not who may see it (staff edited the visitor's
     * profile): the inboxes showing it get the fresh summary. The visitor is not told.
     */
    summaryChanged(conversation: ConversationRow): void {
      const summary = summaryOf(conversation);
      if (summary) toStaffShowing(conversation, { type: 'conversation', conversation: summary });
    },

    /** A new message: to the visitor's tabs and the staff showing it, except the sender's socket. */
    messageAdded(
      message: MessageRow,
      conversation: ConversationRow,
      except?: { visitor?: VisitorConnection; staff?: StaffConnection },
    ): void {
      const frame = { type: 'message', message: toChatMessage(message) } as const;
      const encoded = encodeFrame(frame);
      for (const visitor of registry.visitorsOfConversation(conversation.id)) {
        if (visitor !== except?.visitor) visitor.sendEncoded(encoded);
      }
      for (const staff of registry.staffOfAccount(conversation.accountId)) {
        if (staff !== except?.staff && staff.visible.has(conversation.id)) staff.sendEncoded(encoded);
      }
    },

    /** The visitor came or went (their last tab closed). */
    visitorPresence(conversation: ConversationRow, online: boolean): void {
      toStaffShowing(conversation, { type: 'visitor-presence', conversationId: conversation.id, online });
    },

    /** Staff came online or the last one left: visitors of the account learn whether anyone can answer. */
    availabilityChanged(accountId: string): void {
      // One frame per channel: the away message is the channel's.
      const byChannel = new Map<string, EncodedFrame<VisitorServerFrame>>();
      for (const visitor of registry.visitorsOfAccount(accountId)) {
        let frame = byChannel.get(visitor.channel.id);
        if (!frame) {
          frame = encodeFrame({ type: 'availability', availability: availabilityFor(registry, visitor.channel) });
          byChannel.set(visitor.channel.id, frame);
        }
        visitor.sendEncoded(frame);
      }
    },
  };
}

export type ConversationEvents = ReturnType<typeof conversationEvents>;
