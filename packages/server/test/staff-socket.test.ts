import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, type StaffErrorFrame, type StaffServerFrame } from '@interact/sdk/protocol';
import {
  chatAccount,
  connect,
  conversationUpdate,
  newClientMsgId,
  openStaff,
  openVisitor,
  say,
  startChatHub,
  storedMessages,
  wsUrl,
  type StaffSocket,
} from './chat-helpers.js';
import { bearer } from './helper.js';

/**
 * The staff socket: who may open it, the inbox it shows, and the live conversation between an
 * agent and a visitor (take, messages, typing, read receipts, close), plus the visitor's view of
 * whether anyone is there to answer.
 */

function errorOn(socket: StaffSocket, code: StaffErrorFrame['code'], ref?: string): Promise<StaffErrorFrame> {
  return socket.waitFor<StaffErrorFrame>(
    (f) => f.type === 'error' && f.code === code && (ref === undefined || f.ref === ref),
    `error ${code}${ref ? ` for ${ref}` : ''}`,
  );
}

function done(socket: StaffSocket, ref: string) {
  return socket.waitFor((f) => f.type === 'done' && f.ref === ref, `done ${ref}`);
}

describe('who may open a staff socket', () => {
  it('refuses an analyst with error forbidden and close 4001', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const socket = await connect<StaffServerFrame>(wsUrl(hub, '/ws/staff'));
    socket.send({ type: 'hello', token: await shop.staffToken('analyst') });

    await errorOn(socket, 'forbidden');
    expect((await socket.closed()).code).toBe(CLOSE_CODES.unauthorized);
    expect(socket.unread('welcome')).toEqual([]);
  });

  it('closes with 4001 on a bad or missing token', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);

    for (const hello of [{ type: 'hello', token: 'not-a-token' }, { type: 'hello', token: `${shop.adminToken}x` }, { type: 'hello' }]) {
      const socket = await connect<StaffServerFrame>(wsUrl(hub, '/ws/staff'));
      socket.send(hello);
      expect((await socket.closed()).code).toBe(CLOSE_CODES.unauthorized);
      expect(socket.unread('welcome')).toEqual([]);
    }
  });

  it('answers frames before hello with hello_required, then works after hello', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const socket = await connect<StaffServerFrame>(wsUrl(hub, '/ws/staff'));
    socket.send({ type: 'take', conversationId: 'c', ref: 'early' });
    await errorOn(socket, 'hello_required');
    socket.send({ type: 'hello', token: await shop.staffToken('agent') });
    expect((await socket.next('welcome')).user.role).toBe('agent');
  });
});

describe('the inbox', () => {
  it('lists the waiting queue in welcome and shows a new visitor conversation live', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const { socket: early } = await openVisitor(hub, shop.channel.publicKey);
    const first = await say(early, 'Anyone there?');

    const { socket: agent, welcome } = await openStaff(hub, await shop.staffToken('agent', 'Alan'));
    expect(welcome.user).toMatchObject({ firstName: 'Alan', role: 'agent' });
    expect(welcome.conversations).toHaveLength(1);
    expect(welcome.conversations[0]).toMatchObject({
      id: first.conversationId,
      state: 'queued',
      channel: { id: shop.channel.id, name: 'Shop' },
      visitor: { online: true, verified: false },
      assignee: null,
      lastMessage: { text: 'Anyone there?', author: { kind: 'visitor' } },
      lastSeq: 1,
    });

    // A second visitor writes while the agent is connected: the inbox gains it, then its message.
    const { socket: late } = await openVisitor(hub, shop.channel.publicKey);
    const ack = await say(late, 'Hello, I need help');
    const update = await agent.next('conversation');
    expect(update.conversation).toMatchObject({ id: ack.conversationId, state: 'queued', lastSeq: 1 });
    expect(update.conversation.queuedAt).toEqual(expect.any(String));
    const message = await agent.next('message');
    expect(message.message).toMatchObject({ id: ack.id, seq: 1, text: 'Hello, I need help', author: { kind: 'visitor' } });
    // The visitor learns of the new conversation exactly once, before the ack.
    expect(late.received.filter((f) => f.type === 'conversation')).toHaveLength(1);
    expect(late.received.findIndex((f) => f.type === 'conversation')).toBeLessThan(late.received.findIndex((f) => f.type === 'ack'));
  });

  it('gives a conversation to exactly one of two agents taking it at the same moment', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const { socket: visitor } = await openVisitor(hub, shop.channel.publicKey);
    const { conversationId } = await say(visitor, 'Help!');
    expect((await visitor.next('conversation')).conversation.state).toBe('queued');
    const [a, b] = await Promise.all([openStaff(hub, await shop.staffToken('agent', 'Ann')), openStaff(hub, await shop.staffToken('agent', 'Bob'))]);
    expect(a.welcome.conversations.map((c) => c.id)).toEqual([conversationId]);
    expect(b.welcome.conversations.map((c) => c.id)).toEqual([conversationId]);

    a.socket.send({ type: 'take', conversationId, ref: 'take-a' });
    b.socket.send({ type: 'take', conversationId, ref: 'take-b' });
    const answers = await Promise.all([
      a.socket.waitFor((f) => (f.type === 'done' && f.ref === 'take-a') || (f.type === 'error' && f.ref === 'take-a'), 'answer to take-a'),
      b.socket.waitFor((f) => (f.type === 'done' && f.ref === 'take-b') || (f.type === 'error' && f.ref === 'take-b'), 'answer to take-b'),
    ]);
    const winners = answers.filter((f) => f.type === 'done');
    const losers = answers.filter((f) => f.type === 'error');
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([expect.objectContaining({ type: 'error', code: 'already_taken' })]);

    const [winner, loser] = answers[0]!.type === 'done' ? [a, b] : [b, a];
    expect(await loser.socket.next('conversation-removed')).toEqual({ type: 'conversation-removed', conversationId, reason: 'taken' });
    const taken = await conversationUpdate(winner.socket, conversationId);
    expect(taken.conversation).toMatchObject({ state: 'assigned', assignee: { id: winner.welcome.user.id } });
    expect((await visitor.next('conversation')).conversation).toMatchObject({ id: conversationId, state: 'assigned' });

    // The loser may not answer it either; the winner may.
    const tooLate = newClientMsgId();
    loser.socket.send({ type: 'send', conversationId, clientMsgId: tooLate, text: 'me too' });
    expect(await errorOn(loser.socket, 'already_taken')).toMatchObject({ clientMsgId: tooLate });
    expect((await say(winner.socket, 'I am on it', { conversationId })).seq).toBe(2);
    expect(storedMessages(hub, conversationId).map((m) => m.text)).toEqual(['Help!', 'I am on it']);
  });

  it('shows a supervisor every open conversation, including those taken by agents', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const { socket: visitor } = await openVisitor(hub, shop.channel.publicKey);
    const { conversationId } = await say(visitor, 'Hi');
    const { socket: agent } = await openStaff(hub, await shop.staffToken('agent'));
    agent.send({ type: 'take', conversationId, ref: 't' });
    await done(agent, 't');

    const { welcome } = await openStaff(hub, await shop.staffToken('supervisor'));
    expect(welcome.conversations).toEqual([expect.objectContaining({ id: conversationId, state: 'assigned' })]);
    const { welcome: otherAgent } = await openStaff(hub, await shop.staffToken('agent'));
    expect(otherAgent.conversations).toEqual([]);
  });
});

describe('a live conversation', () => {
  /** A visitor who wrote once, and an agent who took the conversation. */
  async function talking() {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const { socket: visitor } = await openVisitor(hub, shop.channel.publicKey);
    const first = await say(visitor, 'Where is my order?');
    await visitor.next('conversation');
    const { socket: agent, welcome } = await openStaff(hub, await shop.staffToken('agent', 'Alan'));
    agent.send({ type: 'take', conversationId: first.conversationId, ref: 'take' });
    await done(agent, 'take');
    expect((await visitor.next('conversation')).conversation.state).toBe('assigned');
    return { hub, shop, visitor, agent, agentId: welcome.user.id, conversationId: first.conversationId };
  }

  it('carries messages both ways, each stored once with the next seq', async () => {
    const { hub, shop, visitor, agent, agentId, conversationId } = await talking();

    const staffAck = await say(agent, 'Let me check.', { conversationId });
    expect(staffAck).toMatchObject({ conversationId, seq: 2 });
    const atVisitor = await visitor.next('message');
    expect(atVisitor.message).toEqual({
      id: staffAck.id,
      conversationId,
      seq: 2,
      author: { kind: 'user', id: agentId, name: 'Alan' },
      text: 'Let me check.',
      clientMsgId: staffAck.clientMsgId,
      createdAt: staffAck.createdAt,
    });

    const visitorAck = await say(visitor, 'Thanks');
    expect(visitorAck.seq).toBe(3);
    expect((await agent.next('message')).message).toMatchObject({ id: visitorAck.id, seq: 3, text: 'Thanks', author: { kind: 'visitor' } });

    // Senders do not get their own message echoed back, only the ack.
    await Promise.all([agent.sync(), visitor.sync()]);
    expect(agent.unread('message')).toEqual([]);
    expect(visitor.unread('message')).toEqual([]);
    expect(storedMessages(hub, conversationId).map((m) => [m.seq, m.author_kind])).toEqual([
      [1, 'visitor'],
      [2, 'user'],
      [3, 'visitor'],
    ]);
    // Read back from the database, the messages are what the acks and frames said.
    const [, staffRow, visitorRow] = hub.conversations.messagesAfter(conversationId, 0);
    expect(staffRow).toEqual({
      id: staffAck.id,
      accountId: shop.account.id,
      conversationId,
      seq: 2,
      authorKind: 'user',
      authorId: agentId,
      authorName: 'Alan',
      text: 'Let me check.',
      clientMsgId: staffAck.clientMsgId,
      createdAt: new Date(staffAck.createdAt),
    });
    expect(visitorRow).toMatchObject({ id: visitorAck.id, authorKind: 'visitor', createdAt: new Date(visitorAck.createdAt) });
    expect(hub.conversations.get(shop.account.id, conversationId)).toMatchObject({
      lastSeq: 3,
      updatedAt: new Date(visitorAck.createdAt),
    });
  });

  it('sends history after a seq as message frames, then done', async () => {
    const { visitor, agent, conversationId } = await talking();
    const reply = await say(agent, 'Hello!', { conversationId });
    await say(visitor, 'Hi again');
    await agent.next('message');

    agent.send({ type: 'history', conversationId, afterSeq: 0, ref: 'all' });
    await done(agent, 'all');
    expect(agent.unread('message').map((f) => f.message.seq)).toEqual([1, 2, 3]);
    await agent.many('message', 3);

    agent.send({ type: 'history', conversationId, afterSeq: 1, ref: 'later' });
    await done(agent, 'later');
    const later = await agent.many('message', 2);
    expect(later.map((f) => [f.message.seq, f.message.text])).toEqual([
      [2, 'Hello!'],
      [3, 'Hi again'],
    ]);
    expect(later[0]!.message.id).toBe(reply.id);
  });

  it('answers every send of a flood, naming the clientMsgId of each one it drops', async () => {
    const { hub, agent, conversationId } = await talking();
    const ids = Array.from({ length: 100 }, () => newClientMsgId());
    for (const clientMsgId of ids) agent.send({ type: 'send', conversationId, clientMsgId, text: 'spam' });
    const outcome = new Map<string, string>();
    await agent.waitFor(() => {
      for (const f of agent.received) {
        if (f.type === 'ack') outcome.set(f.clientMsgId, 'ack');
        if (f.type === 'error' && f.clientMsgId) outcome.set(f.clientMsgId, f.code);
      }
      return ids.every((id) => outcome.has(id));
    }, 'an answer to every send');
    const answers = [...outcome.values()];
    expect(answers).toContain('rate_limited');
    expect(answers.every((a) => a === 'ack' || a === 'rate_limited')).toBe(true);
    expect(storedMessages(hub, conversationId)).toHaveLength(1 + answers.filter((a) => a === 'ack').length);
  });

  it('answers a staff message whose write fails with internal and its clientMsgId, and stores nothing', async () => {
    const { hub, visitor, agent, conversationId } = await talking();
    hub.storage.sqlite.exec(
      `CREATE TRIGGER refuse_boom BEFORE INSERT ON messages WHEN NEW.text = 'boom' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`,
    );
    const clientMsgId = newClientMsgId();
    agent.send({ type: 'send', conversationId, clientMsgId, text: 'boom' });
    expect(await agent.waitFor((f) => f.type === 'error', 'an error')).toMatchObject({ code: 'internal', clientMsgId });
    await Promise.all([agent.sync(), visitor.sync()]);
    expect(agent.unread('ack')).toEqual([]);
    expect(visitor.unread('message')).toEqual([]);
    expect(storedMessages(hub, conversationId)).toHaveLength(1);
  });

  it('relays typing both ways', async () => {
    const { visitor, agent, agentId, conversationId } = await talking();

    agent.send({ type: 'typing', conversationId, typing: true });
    expect(await visitor.next('typing')).toEqual({
      type: 'typing',
      conversationId,
      author: { kind: 'user', id: agentId, name: 'Alan' },
      typing: true,
    });
    visitor.send({ type: 'typing', typing: true });
    expect(await agent.next('typing')).toEqual({ type: 'typing', conversationId, author: { kind: 'visitor' }, typing: true });
    visitor.send({ type: 'typing', typing: false });
    expect((await agent.next('typing')).typing).toBe(false);
  });

  it('relays read receipts both ways, never beyond the last message', async () => {
    const { visitor, agent, conversationId } = await talking();
    await say(agent, 'One', { conversationId });
    await say(agent, 'Two', { conversationId });
    await visitor.many('message', 2);

    visitor.send({ type: 'read', seq: 3 });
    expect(await agent.next('read')).toEqual({ type: 'read', conversationId, by: 'visitor', seq: 3 });

    agent.send({ type: 'read', conversationId, seq: 99 });
    expect(await visitor.next('read')).toEqual({ type: 'read', conversationId, by: 'staff', seq: 3 });

    // Reading what was already read says nothing new.
    agent.send({ type: 'read', conversationId, seq: 2 });
    await agent.sync();
    await visitor.sync();
    expect(visitor.unread('read')).toEqual([]);
  });

  it('closes: the visitor sees it closed, and their next message starts a new conversation at seq 1', async () => {
    const { hub, visitor, agent, conversationId } = await talking();
    agent.send({ type: 'close', conversationId, ref: 'close' });
    await done(agent, 'close');
    expect((await visitor.next('conversation')).conversation).toEqual({ id: conversationId, state: 'closed', lastSeq: 1, readSeq: 0 });
    expect(await agent.next('conversation-removed')).toEqual({ type: 'conversation-removed', conversationId, reason: 'closed' });

    // A closed conversation takes no more staff messages.
    const late = newClientMsgId();
    agent.send({ type: 'send', conversationId, clientMsgId: late, text: 'one more thing' });
    expect(await errorOn(agent, 'conversation_closed')).toMatchObject({ clientMsgId: late });

    const before = visitor.received.length;
    const ack = await say(visitor, 'Another question');
    expect(ack.seq).toBe(1);
    expect(ack.conversationId).not.toBe(conversationId);
    const fresh = visitor.received.slice(before).filter((f) => f.type === 'conversation');
    expect(fresh).toEqual([{ type: 'conversation', conversation: { id: ack.conversationId, state: 'queued', lastSeq: 1, readSeq: 0 } }]);
    // Back in the queue, so the agent sees it again.
    expect((await conversationUpdate(agent, ack.conversationId)).conversation).toMatchObject({ state: 'queued', lastSeq: 1 });
    expect(storedMessages(hub, conversationId)).toHaveLength(1);
  });

  it('never adds to a conversation closed behind the visitor socket’s back: the message starts a new one', async () => {
    const { hub, visitor, conversationId } = await talking();
    // Closed in the database without any event reaching the socket, as when the close and the
    // message are written in the same group commit.
    hub.storage.sqlite.prepare(`UPDATE conversations SET state = 'closed' WHERE id = ?`).run(conversationId);
    const ack = await say(visitor, 'Still there?');
    expect(ack.conversationId).not.toBe(conversationId);
    expect(ack.seq).toBe(1);
    expect(storedMessages(hub, conversationId)).toHaveLength(1);
    expect(storedMessages(hub, ack.conversationId).map((m) => m.text)).toEqual(['Still there?']);
  });
});

describe('availability', () => {
  it('tells visitors the team is away (with the away message) until an agent connects, and again when the last leaves', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub, { awayMessage: 'Back on Monday at 9.' });
    const { socket: visitor, welcome } = await openVisitor(hub, shop.channel.publicKey);
    expect(welcome.availability).toEqual({ status: 'away', awayMessage: 'Back on Monday at 9.' });

    const { socket: agent } = await openStaff(hub, await shop.staffToken('agent'));
    expect(await visitor.next('availability')).toEqual({ type: 'availability', availability: { status: 'online' } });
    const { welcome: second } = await openVisitor(hub, shop.channel.publicKey);
    expect(second.availability).toEqual({ status: 'online' });

    // A second staff socket changes nothing for visitors; the last one leaving does.
    const { socket: other } = await openStaff(hub, await shop.staffToken('supervisor'));
    await other.close();
    await visitor.sync();
    expect(visitor.unread('availability')).toEqual([]);
    await agent.close();
    expect((await visitor.next('availability')).availability).toEqual({ status: 'away', awayMessage: 'Back on Monday at 9.' });
  });

  it('does not count another account’s staff', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const other = await chatAccount(hub);
    await openStaff(hub, await other.staffToken('agent'));
    const { socket: visitor, welcome } = await openVisitor(hub, shop.channel.publicKey);
    expect(welcome.availability.status).toBe('away');
    await visitor.sync();
    expect(visitor.unread('availability')).toEqual([]);
  });

  it('closes an open staff socket once its session has ended', async () => {
    const hub = await startChatHub({ realtime: { sessionRecheckMs: 100 } });
    const account = await chatAccount(hub);
    const token = await account.staffToken('agent');
    const { socket } = await openStaff(hub, token);
    const signOut = await hub.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: bearer(token) });
    expect(signOut.statusCode).toBe(204);
    expect((await socket.closed(5_000)).code).toBe(4001);
  });
});
