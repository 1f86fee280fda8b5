import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HubError, StaffClient, type WebSocketConstructor } from '@interact/sdk';
import type { StaffErrorFrame, StaffServerFrame } from '@interact/sdk/protocol';
import type { FastifyInstance } from 'fastify';
import { apiAs, errorOf } from './admin-helpers.js';
import {
  chatAccount,
  conversationUpdate,
  openStaff,
  say,
  startChatHub,
  wsUrl,
  type ChatAccount,
  type StaffSocket,
} from './chat-helpers.js';
import { staffMember, visitorWhoWrote, type StaffMember } from './inbox-helpers.js';

/**
 * Handing a conversation to a colleague: `GET /api/v1/staff` to pick one, then the staff socket's
 * `assign` frame. Who may, whom to, and who learns what.
 */

interface StaffView {
  id: string;
  firstName: string;
  lastName: string;
  role: string;
  online: boolean;
}

let refs = 0;

/** Sends `assign` and resolves with the answer to it: `done`, or the error frame. */
async function assign(socket: StaffSocket, conversationId: string, userId: string): Promise<StaffServerFrame> {
  refs += 1;
  const ref = `assign-${refs}`;
  socket.send({ type: 'assign', conversationId, userId, ref });
  return socket.waitFor((f) => (f.type === 'done' || f.type === 'error') && f.ref === ref, `the answer to ${ref}`);
}

function refused(code: StaffErrorFrame['code']) {
  return expect.objectContaining({ type: 'error', code, message: expect.any(String) });
}

function assigneeOf(hub: FastifyInstance, conversationId: string): { state: string; assignee_id: string | null } {
  return hub.storage.sqlite.prepare('SELECT state, assignee_id FROM conversations WHERE id = ?').get(conversationId) as {
    state: string;
    assignee_id: string | null;
  };
}

/** A shop with a visitor waiting, and Ann (agent) who took the conversation and has it open. */
async function annHasIt() {
  const hub = await startChatHub();
  const shop = await chatAccount(hub);
  const visitor = await visitorWhoWrote(hub, shop);
  const ann = await staffMember(hub, shop, 'agent', { firstName: 'Ann', lastName: 'Agent' });
  const { socket: annSocket } = await openStaff(hub, ann.token);
  annSocket.send({ type: 'take', conversationId: visitor.conversationId, ref: 'take' });
  await annSocket.waitFor((f) => f.type === 'done' && f.ref === 'take');
  await conversationUpdate(annSocket, visitor.conversationId);
  // The visitor saw the conversation start, then taken.
  expect((await visitor.socket.many('conversation', 2)).map((f) => f.conversation.state)).toEqual(['queued', 'assigned']);
  return { hub, shop, visitor, ann, annSocket };
}

describe('GET /api/v1/staff', () => {
  it('lists the account’s active administrators, supervisors and agents by name, and who is online', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const zoe = await staffMember(hub, shop, 'agent', { firstName: 'Zoe', lastName: 'Zed' });
    const bob = await staffMember(hub, shop, 'supervisor', { firstName: 'Bob', lastName: 'Boss' });
    await staffMember(hub, shop, 'analyst', { firstName: 'Ana', lastName: 'Lyst' });
    const gone = await staffMember(hub, shop, 'agent', { firstName: 'Gus', lastName: 'Gone' });
    const admin = apiAs(hub, shop.adminToken);
    expect((await admin.patch(`/api/v1/users/${gone.user.id}`, { active: false })).statusCode).toBe(200);
    // Another account's staff never show.
    const other = await chatAccount(hub);
    await staffMember(hub, other, 'agent', { firstName: 'Otto' });

    const { socket: zoeSocket } = await openStaff(hub, zoe.token);
    const response = await apiAs(hub, bob.token).get('/api/v1/staff');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual([
      { id: shop.admin.id, firstName: 'Ada', lastName: 'Admin', role: 'administrator', online: false },
      { id: bob.user.id, firstName: 'Bob', lastName: 'Boss', role: 'supervisor', online: false },
      { id: zoe.user.id, firstName: 'Zoe', lastName: 'Zed', role: 'agent', online: true },
    ]);

    await zoeSocket.close();
    await expect
      .poll(async () => (await admin.get('/api/v1/staff')).json<StaffView[]>().find((s) => s.id === zoe.user.id)?.online)
      .toBe(false);
  });

  it('is open to agents and refused to analysts (403) and to callers without a session (401)', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const agent = await staffMember(hub, shop, 'agent');
    const analyst = await staffMember(hub, shop, 'analyst');
    expect((await apiAs(hub, agent.token).get('/api/v1/staff')).statusCode).toBe(200);
    expect(errorOf(await apiAs(hub, analyst.token).get('/api/v1/staff'))).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await apiAs(hub).get('/api/v1/staff')).statusCode).toBe(401);
  });
});

describe('assign by the assignee', () => {
  it('hands the conversation to a colleague: the giver loses it, the taker gains it, the visitor and supervisors follow', async () => {
    const { hub, shop, visitor, ann, annSocket } = await annHasIt();
    const ben = await staffMember(hub, shop, 'agent', { firstName: 'Ben', lastName: 'Agent' });
    const { socket: benSocket, welcome: benWelcome } = await openStaff(hub, ben.token);
    expect(benWelcome.conversations).toEqual([]);
    const { socket: supervisor } = await openStaff(hub, (await staffMember(hub, shop, 'supervisor')).token);
    const { socket: carl } = await openStaff(hub, (await staffMember(hub, shop, 'agent')).token);

    expect(await assign(annSocket, visitor.conversationId, ben.user.id)).toEqual({ type: 'done', ref: expect.any(String) });

    expect(await annSocket.next('conversation-removed')).toEqual({
      type: 'conversation-removed',
      conversationId: visitor.conversationId,
      reason: 'transferred',
    });
    const arrived = await conversationUpdate(benSocket, visitor.conversationId);
    expect(arrived.conversation).toMatchObject({
      state: 'assigned',
      assignee: { id: ben.user.id, name: 'Ben Agent' },
      lastMessage: { text: 'Hello, I need help' },
    });
    expect((await conversationUpdate(supervisor, visitor.conversationId)).conversation.assignee).toEqual({
      id: ben.user.id,
      name: 'Ben Agent',
    });
    expect((await visitor.socket.next('conversation')).conversation).toMatchObject({ id: visitor.conversationId, state: 'assigned' });
    expect(assigneeOf(hub, visitor.conversationId)).toEqual({ state: 'assigned', assignee_id: ben.user.id });
    // An agent who never had it hears nothing; no system message is written.
    await carl.sync();
    expect(carl.unread().filter((f) => f.type !== 'welcome')).toEqual([]);
    expect(
      (hub.storage.sqlite.prepare('SELECT count(*) AS n FROM messages WHERE conversation_id = ?').get(visitor.conversationId) as { n: number }).n,
    ).toBe(1);

    // Ben answers now; Ann may not any more.
    expect((await say(benSocket, 'Ben here, I will help you', { conversationId: visitor.conversationId })).seq).toBe(2);
    annSocket.send({ type: 'send', conversationId: visitor.conversationId, clientMsgId: 'late-1', text: 'still me' });
    await annSocket.waitFor((f) => f.type === 'error' && f.code === 'already_taken' && f.clientMsgId === 'late-1');
    expect(await assign(annSocket, visitor.conversationId, ann.user.id)).toEqual(refused('forbidden'));
  });

  it('is done by StaffClient.assign, which rejects with the hub’s error code when refused', async () => {
    const { hub, shop, visitor, ann } = await annHasIt();
    const ben = await staffMember(hub, shop, 'agent');
    const client = new StaffClient({ hubUrl: wsUrl(hub, '/'), token: ann.token, WebSocket: WebSocket as unknown as WebSocketConstructor });
    try {
      const welcome = await client.connect();
      expect(welcome.conversations.map((c) => c.id)).toEqual([visitor.conversationId]);
      const removed = new Promise((resolve) => client.on('conversation-removed', resolve));

      await client.assign(visitor.conversationId, ben.user.id);
      expect(await removed).toEqual({ conversationId: visitor.conversationId, reason: 'transferred' });
      expect(client.conversations.has(visitor.conversationId)).toBe(false);

      const refusal = await client.assign(visitor.conversationId, ann.user.id).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(HubError);
      expect(refusal).toMatchObject({ code: 'forbidden' });
    } finally {
      client.disconnect();
    }
  });

  it('answers done and changes nothing when the target already has the conversation', async () => {
    const { hub, visitor, ann, annSocket } = await annHasIt();
    expect(await assign(annSocket, visitor.conversationId, ann.user.id)).toMatchObject({ type: 'done' });
    await annSocket.sync();
    expect(annSocket.unread('conversation-removed')).toEqual([]);
    expect(assigneeOf(hub, visitor.conversationId)).toEqual({ state: 'assigned', assignee_id: ann.user.id });
  });
});

describe('assign by a supervisor or administrator', () => {
  it('moves a conversation from one agent to another', async () => {
    const { hub, shop, visitor, annSocket } = await annHasIt();
    const ben = await staffMember(hub, shop, 'agent', { firstName: 'Ben' });
    const { socket: benSocket } = await openStaff(hub, ben.token);
    const sue = await staffMember(hub, shop, 'supervisor', { firstName: 'Sue' });
    const { socket: sueSocket } = await openStaff(hub, sue.token);

    expect(await assign(sueSocket, visitor.conversationId, ben.user.id)).toMatchObject({ type: 'done' });
    expect(await annSocket.next('conversation-removed')).toMatchObject({ conversationId: visitor.conversationId, reason: 'transferred' });
    expect((await conversationUpdate(benSocket, visitor.conversationId)).conversation.assignee?.id).toBe(ben.user.id);
    // The supervisor keeps seeing it, with its new assignee.
    expect((await conversationUpdate(sueSocket, visitor.conversationId)).conversation.assignee?.id).toBe(ben.user.id);
    expect(assigneeOf(hub, visitor.conversationId)).toEqual({ state: 'assigned', assignee_id: ben.user.id });
  });

  it('dispatches a queued conversation: the chosen agent gets it, the others’ queues drop it', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const visitor = await visitorWhoWrote(hub, shop);
    const ann = await staffMember(hub, shop, 'agent');
    const ben = await staffMember(hub, shop, 'agent');
    const { socket: annSocket, welcome } = await openStaff(hub, ann.token);
    expect(welcome.conversations.map((c) => [c.id, c.state])).toEqual([[visitor.conversationId, 'queued']]);
    const { socket: benSocket } = await openStaff(hub, ben.token);
    const { socket: adminSocket } = await openStaff(hub, shop.adminToken);

    expect(await assign(adminSocket, visitor.conversationId, ann.user.id)).toMatchObject({ type: 'done' });
    expect((await conversationUpdate(annSocket, visitor.conversationId)).conversation).toMatchObject({
      state: 'assigned',
      assignee: { id: ann.user.id },
    });
    expect(await benSocket.next('conversation-removed')).toMatchObject({ conversationId: visitor.conversationId, reason: 'transferred' });
    await visitor.socket.waitFor((f) => f.type === 'conversation' && f.conversation.state === 'assigned', 'the assigned state');
  });

  it('may assign to themselves or to another supervisor or administrator', async () => {
    const { hub, shop, visitor, annSocket } = await annHasIt();
    const sue = await staffMember(hub, shop, 'supervisor');
    const { socket: sueSocket } = await openStaff(hub, sue.token);
    expect(await assign(sueSocket, visitor.conversationId, sue.user.id)).toMatchObject({ type: 'done' });
    expect(assigneeOf(hub, visitor.conversationId).assignee_id).toBe(sue.user.id);
    expect(await annSocket.next('conversation-removed')).toMatchObject({ reason: 'transferred' });
    expect(await assign(sueSocket, visitor.conversationId, shop.admin.id)).toMatchObject({ type: 'done' });
    expect(assigneeOf(hub, visitor.conversationId).assignee_id).toBe(shop.admin.id);
  });
});

describe('assign refused', () => {
  it('to an agent who is not the assignee, for an assigned or a queued conversation (forbidden)', async () => {
    const { hub, shop, visitor, ann } = await annHasIt();
    const ben = await staffMember(hub, shop, 'agent');
    const { socket: benSocket } = await openStaff(hub, ben.token);

    expect(await assign(benSocket, visitor.conversationId, ben.user.id)).toEqual(refused('forbidden'));
    expect(assigneeOf(hub, visitor.conversationId)).toEqual({ state: 'assigned', assignee_id: ann.user.id });

    const waiting = await visitorWhoWrote(hub, shop, 'Second visitor');
    await conversationUpdate(benSocket, waiting.conversationId);
    expect(await assign(benSocket, waiting.conversationId, ben.user.id)).toEqual(refused('forbidden'));
    expect(assigneeOf(hub, waiting.conversationId)).toEqual({ state: 'queued', assignee_id: null });
  });

  it('when the target is not an active inbox user of the account (user_not_found)', async () => {
    const { hub, shop, visitor, ann, annSocket } = await annHasIt();
    const analyst = await staffMember(hub, shop, 'analyst');
    const inactive = await staffMember(hub, shop, 'agent');
    expect((await apiAs(hub, shop.adminToken).patch(`/api/v1/users/${inactive.user.id}`, { active: false })).statusCode).toBe(200);
    const other: ChatAccount = await chatAccount(hub);
    const outsider: StaffMember = await staffMember(hub, other, 'agent');

    for (const target of [analyst.user.id, inactive.user.id, outsider.user.id, other.admin.id, 'no-such-user']) {
      expect(await assign(annSocket, visitor.conversationId, target), target).toEqual(refused('user_not_found'));
    }
    expect(assigneeOf(hub, visitor.conversationId)).toEqual({ state: 'assigned', assignee_id: ann.user.id });
  });

  it('for a closed conversation (conversation_closed)', async () => {
    const { hub, shop, visitor, annSocket } = await annHasIt();
    const ben = await staffMember(hub, shop, 'agent');
    annSocket.send({ type: 'close', conversationId: visitor.conversationId, ref: 'close' });
    await annSocket.waitFor((f) => f.type === 'done' && f.ref === 'close');
    const { socket: adminSocket } = await openStaff(hub, shop.adminToken);

    for (const socket of [annSocket, adminSocket]) {
      expect(await assign(socket, visitor.conversationId, ben.user.id)).toEqual(refused('conversation_closed'));
    }
    expect(assigneeOf(hub, visitor.conversationId).state).toBe('closed');
  });

  it('for an unknown conversation or another account’s (conversation_not_found)', async () => {
    const { hub, visitor, ann } = await annHasIt();
    const other = await chatAccount(hub);
    const { socket: outsider } = await openStaff(hub, other.adminToken);
    const otherAgent = await staffMember(hub, other, 'agent');

    expect(await assign(outsider, visitor.conversationId, otherAgent.user.id)).toEqual(refused('conversation_not_found'));
    expect(await assign(outsider, 'no-such-conversation', otherAgent.user.id)).toEqual(refused('conversation_not_found'));
    expect(assigneeOf(hub, visitor.conversationId)).toEqual({ state: 'assigned', assignee_id: ann.user.id });
  });

  it('for a frame without a target (bad_frame)', async () => {
    const { visitor, annSocket } = await annHasIt();
    annSocket.send({ type: 'assign', conversationId: visitor.conversationId, ref: 'x' });
    await annSocket.waitFor((f) => f.type === 'error' && f.code === 'bad_frame');
  });
});
