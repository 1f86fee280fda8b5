import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import { CLOSE_CODES, LIMITS } from '@interact/sdk/protocol';
import type { ChannelRow, ConversationRow } from '../storage/schema.js';
import type { ChatContext } from './chat-context.js';
import { ConnectionRegistry } from './connections.js';
import { conversationEvents } from './conversation-events.js';
import { staffSocket } from './staff-socket.js';
import { visitorSocket } from './visitor-socket.js';

/** What the HTTP API may know and tell of the live side, without reaching into the sockets. */
export interface Realtime {
  /** Staff users of the account with at least one open socket. */
  onlineStaffIds(accountId: string): Set<string>;
  /** Whether the visitor has a tab open on the chat. */
  visitorOnline(visitorId: string): boolean;
  /** Staff changed what inboxes show of a conversation (such as the visitor's name): tell them. */
  conversationSummaryChanged(conversation: ConversationRow): void;
  /**
   * An administrator changed a channel: its open visitor sockets go on with the new settings, or
   * are closed when the channel was disabled or their site's origin is no longer allowed.
   */
  channelChanged(channel: ChannelRow): void;
  /** A channel was deleted: its open visitor sockets are closed as for an unknown channel. */
  channelDeleted(accountId: string, channelId: string): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    realtime: Realtime;
  }
}

/**
 * Live chat over WebSockets: one socket per visitor tab and per staff session. Frames are small
 * and bounded; compression stays off (it costs about 240 KB per idle connection).
 */
export default fp(
  async (app) => {
    await app.register(websocket, {
      options: { maxPayload: LIMITS.frameBytes, perMessageDeflate: false, clientTracking: false },
    });
    const registry = new ConnectionRegistry();
    const events = conversationEvents(registry, app.conversations);
    const ctx: ChatContext = {
      registry,
      committer: app.committer,
      conversations: app.conversations,
      visitors: app.visitors,
      channels: app.channels,
      users: app.users,
      events,
      log: app.log,
    };
    const visitorsOfChannel = (accountId: string, channelId: string) =>
      [...registry.visitorsOfAccount(accountId)].filter((conn) => conn.channel.id === channelId);
    app.decorate('realtime', {
      onlineStaffIds: (accountId) => registry.onlineStaffIds(accountId),
      visitorOnline: (visitorId) => registry.visitorOnline(visitorId),
      conversationSummaryChanged: (conversation) => events.summaryChanged(conversation),
      channelChanged: (channel) => {
        for (const conn of visitorsOfChannel(channel.accountId, channel.id)) {
          if (!channel.active) conn.socket.close(CLOSE_CODES.unknownChannel, 'channel disabled');
          else if (!channel.allowedOrigins.includes(conn.origin)) {
            conn.socket.close(CLOSE_CODES.originRefused, 'this site is no longer allowed on this channel');
          } else conn.channel = channel;
        }
        // The away message may be new.
        events.availabilityChanged(channel.accountId);
      },
      channelDeleted: (accountId, channelId) => {
        for (const conn of visitorsOfChannel(accountId, channelId)) conn.socket.close(CLOSE_CODES.unknownChannel, 'channel deleted');
      },
    } satisfies Realtime);
    await app.register(visitorSocket(ctx));
    await app.register(staffSocket(ctx));

    // A session ended by sign-out, a password change, deactivation or deletion must not keep its
    // socket: each open staff socket's session is checked again every few seconds.
    const recheck = setInterval(() => {
      for (const conn of registry.allStaff()) {
        void app.resolveSession(conn.token).then((session) => {
          if (session) conn.user = session.user;
          else conn.socket.close(CLOSE_CODES.unauthorized, 'session ended');
        });
      }
    }, app.config.realtime.sessionRecheckMs);
    recheck.unref();

    // Sockets are told the hub is going away, so clients reconnect to the next one at once.
    app.addHook('preClose', async () => {
      clearInterval(recheck);
      for (const socket of registry.allSockets()) socket.close(CLOSE_CODES.goingAway, 'hub restarting');
    });
  },
  { name: 'realtime', dependencies: ['storage', 'auth', 'channels', 'accounts', 'users', 'conversations', 'visitors'] },
);
