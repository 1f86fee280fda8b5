import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CLOSE_CODES } from '@interact/sdk/protocol';
import type { ChannelRow } from '../storage/schema.js';
import { holdAddress } from './address-allowance.js';
import type { ChatContext } from './chat-context.js';
import { VisitorConnection } from './connections.js';
import { parseVisitorFrame } from './frame-schemas.js';
import { releaseUpgradeRequest } from './release-upgrade.js';
import { dispatch } from './handler-map.js';
import { visitorHandlers } from './visitor-handlers.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The channel a visitor socket is opening and the page's origin, found before the upgrade. */
    chatChannel?: { channel: ChannelRow; origin: string };
    /** Why the socket is closed as soon as it opens. */
    chatRefusal?: { code: number; reason: string };
  }
}

/** How long a refused socket may take to answer its close frame before it is cut. */
const REFUSED_SOCKET_GRACE_MS = 1_000;

/**
 * `GET /ws/visitor?key=<channel public key>`: checked before the upgrade (channel, Origin,
 * sockets per address), then a hello frame within the time limit, then any visitor frame.
 *
 * An unknown or disabled channel and an origin the channel does not allow are answered with a
 * close code right after the upgrade (4004, 4003), not with an HTTP error: a browser shows a
 * page's script nothing of a refused handshake, so the widget could not tell a refusal from a
 * network failure and would retry for ever. With the close code it stops and says the chat is
 * unavailable. Nothing is sent on such a socket.
 */
export function visitorSocket(ctx: ChatContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const handlers = visitorHandlers(ctx);
    // Sockets of one channel share one copy of its row (about 1 KB each otherwise), until it changes.
    const channelCopies = new Map<string, ChannelRow>();
    const shared = (channel: ChannelRow): ChannelRow => {
      const copy = channelCopies.get(channel.id);
      if (copy && copy.updatedAt.getTime() === channel.updatedAt.getTime()) return copy;
      channelCopies.set(channel.id, channel);
      return channel;
    };
    const { maxSocketsPerAddress, helloTimeoutMs } = app.config.realtime;

    app.get(
      '/ws/visitor',
      {
        websocket: true,
        schema: { hide: true, querystring: Type.Object({ key: Type.String({ minLength: 1, maxLength: 64 }) }) },
        preValidation: async (request) => {
          // First, so that sockets refused below count against their address too while they close.
          holdAddress(ctx.registry, request, maxSocketsPerAddress);
          const { key } = request.query as { key: string };
          const channel = await app.channels.findByPublicKey(key);
          const account = channel && (await app.accounts.findById(channel.accountId));
          if (!channel?.active || !account?.active) {
            request.chatRefusal = { code: CLOSE_CODES.unknownChannel, reason: 'unknown or disabled channel' };
            return;
          }
          const origin = channel.allowedOrigins.find((allowed) => allowed === request.headers.origin);
          if (!origin) {
            request.chatRefusal = { code: CLOSE_CODES.originRefused, reason: 'this site is not allowed on this channel' };
            return;
          }
          request.chatChannel = { channel: shared(channel), origin };
        },
      },
      (socket, request) => {
        if (request.chatRefusal) {
          socket.close(request.chatRefusal.code, request.chatRefusal.reason);
          // A peer that does not answer the close frame is not waited for (ws would wait 30 s).
          setTimeout(() => socket.terminate(), REFUSED_SOCKET_GRACE_MS).unref();
          return;
        }
        const { channel, origin } = request.chatChannel!;
        const conn = new VisitorConnection(socket, channel, origin);
        const { log, releaseAddress } = releaseUpgradeRequest(socket, request);
        ctx.registry.addVisitor(conn);
        const helloTimer = setTimeout(() => {
          if (!conn.helloDone) socket.close(CLOSE_CODES.helloTimeout, 'hello expected');
        }, helloTimeoutMs);

        socket.on('message', (data, isBinary) => {
          // Closing (by the hub, e.g. its channel was disabled): what the peer sent meanwhile is not taken.
          if (socket.readyState !== socket.OPEN) return;
          // Parsed before the rate check (a frame is at most LIMITS.frameBytes), so that a dropped
          // send is named by its clientMsgId and the client knows which message to send again.
          const frame = isBinary ? null : parseVisitorFrame(data.toString());
          if (!conn.frames.take()) {
            conn.send({
              type: 'error',
              code: 'rate_limited',
              message: 'Too many frames: slow down.',
              ...(frame?.type === 'send' ? { clientMsgId: frame.clientMsgId } : {}),
            });
            return;
          }
          if (!frame) {
            conn.send({ type: 'error', code: 'bad_frame', message: 'Not a frame this socket understands.' });
            return;
          }
          if (!conn.helloDone && frame.type !== 'hello') {
            conn.send({ type: 'error', code: 'hello_required', message: 'Send hello first.' });
            return;
          }
          Promise.resolve(dispatch(handlers, conn, frame)).catch((error: unknown) => {
            log.error({ err: error, frame: frame.type }, 'visitor frame failed');
            conn.send({
              type: 'error',
              code: 'internal',
              message: 'The hub could not handle this frame.',
              ...(frame.type === 'send' ? { clientMsgId: frame.clientMsgId } : {}),
            });
          });
        });

        socket.on('close', () => {
          clearTimeout(helloTimer);
          ctx.registry.removeVisitor(conn);
          releaseAddress();
          if (conn.visitor && conn.conversation && !ctx.registry.visitorOnline(conn.visitor.id)) {
            ctx.events.visitorPresence(conn.conversation, false);
          }
        });
      },
    );
  };
}
