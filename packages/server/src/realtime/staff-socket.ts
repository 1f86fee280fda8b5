import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { WebSocket } from 'ws';
import { CLOSE_CODES, type StaffClientFrame } from '@interact/sdk/protocol';
import type { StaffSession } from '../auth/auth-plugin.js';
import { roleMay } from '../auth/permissions.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { toConversationSummary } from '../conversations/conversation-views.js';
import { holdAddress } from './address-allowance.js';
import type { ChatContext } from './chat-context.js';
import { StaffConnection } from './connections.js';
import { parseStaffFrame } from './frame-schemas.js';
import { dispatch } from './handler-map.js';
import { staffHandlers } from './staff-handlers.js';

/** What an error frame echoes so the client knows which of its requests or messages failed. */
function answering(frame: StaffClientFrame): { ref?: string; clientMsgId?: string } {
  return {
    ...('ref' in frame && frame.ref ? { ref: frame.ref } : {}),
    ...(frame.type === 'send' ? { clientMsgId: frame.clientMsgId } : {}),
  };
}

/**
 * `GET /ws/staff`: the portal's live inbox. A browser is authenticated by its session cookie, and
 * only from the hub's own origin (no other site can ride on the cookie); other clients send their
 * session token in the hello frame.
 */
export function staffSocket(ctx: ChatContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const handlers = staffHandlers(ctx);
    const hubOrigin = new URL(app.config.publicUrl).origin;
    const { maxSocketsPerAddress, helloTimeoutMs } = app.config.realtime;

    function refuse(socket: WebSocket, message: string) {
      socket.send(JSON.stringify({ type: 'error', code: 'forbidden', message }));
      socket.close(CLOSE_CODES.unauthorized, 'not signed in');
    }

    function welcome(conn: StaffConnection) {
      const listings = ctx.conversations.visibleTo(conn.account.id, conn.user.id, roleMay(conn.user.role, 'conversations.all'));
      for (const listing of listings) conn.visible.add(listing.conversation.id);
      const { user } = conn;
      conn.send({
        type: 'welcome',
        user: { id: user.id, firstName: user.firstName, lastName: user.lastName, role: user.role },
        conversations: listings.map((l) => toConversationSummary(l, ctx.registry.visitorOnline(l.conversation.visitorId))),
      });
    }

    app.get(
      '/ws/staff',
      {
        websocket: true,
        schema: { hide: true },
        preValidation: async (request) => {
          holdAddress(ctx.registry, request, maxSocketsPerAddress);
        },
      },
      (socket, request) => {
        const origin = request.headers.origin;
        const cookieToken = request.cookies[SESSION_COOKIE];
        // The cookie counts only when the page is the hub's own portal.
        const fromPortal = cookieToken && origin === hubOrigin ? cookieToken : undefined;
        let conn: StaffConnection | undefined;
        let authenticating: Promise<void> | undefined;
        const early: StaffClientFrame[] = [];

        const helloTimer = setTimeout(() => {
          if (!conn) socket.close(CLOSE_CODES.helloTimeout, 'hello expected');
        }, helloTimeoutMs);

        function handle(frame: StaffClientFrame) {
          const c = conn!;
          if (!c.frames.take()) {
            c.send({ type: 'error', code: 'rate_limited', message: 'Too many frames: slow down.', ...answering(frame) });
            return;
          }
          Promise.resolve(dispatch(handlers, c, frame)).catch((error: unknown) => {
            request.log.error({ err: error, frame: frame.type }, 'staff frame failed');
            c.send({ type: 'error', code: 'internal', message: 'The hub could not handle this frame.', ...answering(frame) });
          });
        }

        async function authenticate(token: string | undefined) {
          const session: StaffSession | null = await app.resolveSession(token);
          if (!session) return refuse(socket, 'Sign in first: the session is missing, expired or ended.');
          if (!roleMay(session.user.role, 'inbox.use')) return refuse(socket, 'Your role has no inbox.');
          if (socket.readyState !== socket.OPEN) return;
          conn = new StaffConnection(socket, session.user, session.account, token!);
          const wasAway = ctx.registry.staffOnline(session.account.id) === 0;
          ctx.registry.addStaff(conn);
          welcome(conn);
          if (wasAway) ctx.events.availabilityChanged(session.account.id);
          for (const frame of early.splice(0)) handle(frame);
        }

        socket.on('message', (data, isBinary) => {
          // Closing (by the hub, e.g. the session ended): what the peer sent meanwhile is not taken.
          if (socket.readyState !== socket.OPEN) return;
          const frame = isBinary ? null : parseStaffFrame(data.toString());
          if (!frame) {
            socket.send(JSON.stringify({ type: 'error', code: 'bad_frame', message: 'Not a frame this socket understands.' }));
            return;
          }
          if (conn) return handle(frame);
          if (authenticating) {
            if (early.length < 100) early.push(frame);
            return;
          }
          if (frame.type !== 'hello') {
            socket.send(JSON.stringify({ type: 'error', code: 'hello_required', message: 'Send hello first.' }));
            return;
          }
          authenticating = authenticate(frame.token ?? fromPortal).catch((error: unknown) => {
            request.log.error({ err: error }, 'staff socket authentication failed');
            socket.close(CLOSE_CODES.unauthorized, 'authentication failed');
          });
        });

        socket.on('close', () => {
          clearTimeout(helloTimer);
          request.releaseAddress?.();
          if (!conn) return;
          ctx.registry.removeStaff(conn);
          if (ctx.registry.staffOnline(conn.account.id) === 0) ctx.events.availabilityChanged(conn.account.id);
        });
      },
    );
  };
}
