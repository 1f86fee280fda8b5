import type { FastifyInstance } from 'fastify';
import type { Role, UserRow } from '../src/storage/schema.js';
import { openVisitor, say, type ChatAccount, type VisitorSocket } from './chat-helpers.js';
import { seedUser, signIn } from './helper.js';

/** Helpers for the portal's API suites (visitor profiles, transfers): staff with ids, visitors who wrote. */

export interface StaffMember {
  user: UserRow;
  token: string;
}

/** A signed-in staff user of the account, with their row (for ids and names). */
export async function staffMember(
  hub: FastifyInstance,
  shop: ChatAccount,
  role: Role,
  fields: { firstName?: string; lastName?: string } = {},
): Promise<StaffMember> {
  const { user, password } = await seedUser(hub, shop.account.id, { role, ...fields });
  return { user, token: await signIn(hub, user.email, password) };
}

/** A visitor who opened the chat and wrote: their socket, id and conversation. */
export async function visitorWhoWrote(
  hub: FastifyInstance,
  shop: ChatAccount,
  text = 'Hello, I need help',
): Promise<{ socket: VisitorSocket; visitorId: string; conversationId: string }> {
  const { socket } = await openVisitor(hub, shop.channel.publicKey);
  const ack = await say(socket, text);
  const { visitor } = await socket.next('visitor');
  return { socket, visitorId: visitor.id, conversationId: ack.conversationId };
}
