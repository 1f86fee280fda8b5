import { describe, expect, it } from 'vitest';
import type { StaffErrorFrame } from '@interact/sdk/protocol';
import {
  chatAccount,
  newClientMsgId,
  openStaff,
  openVisitor,
  say,
  startChatHub,
  storedMessages,
  type StaffSocket,
} from './chat-helpers.js';

/**
 * A visitor reaches only their own conversation, whatever ids they send; a staff member reaches
 * only their own account's conversations, and another account's ids answer as unknown ones do.
 */

describe('between visitors', () => {
  it('restores a visitor’s own conversation only, whatever conversation id the hello names', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const key = shop.channel.publicKey;

    const { socket: a } = await openVisitor(hub, key);
    await say(a, 'A: my card number is …');
    await say(a, 'A: and my address is …');
    const { visitorToken: tokenA } = await a.next('visitor');
    const conversationA = storedMessages(hub)[0]!.conversation_id;

    const { socket: b } = await openVisitor(hub, key);
    const bFirst = await say(b, 'B: hello');
    const { visitorToken: tokenB } = await b.next('visitor');
    const conversationB = bFirst.conversationId;
    await b.close();

    // B's token restores B and B's conversation, nothing else.
    const own = await openVisitor(hub, key, { visitorToken: tokenB! });
    expect(own.welcome.conversation?.id).toBe(conversationB);
    expect((await own.socket.next('message')).message.text).toBe('B: hello');
    await own.socket.sync();
    expect(own.socket.unread('message')).toEqual([]);

    // B's token with A's conversation id: still B's conversation, replayed from the start.
    const probing = await openVisitor(hub, key, { visitorToken: tokenB!, conversationId: conversationA, lastSeq: 0 });
    expect(probing.welcome.conversation?.id).toBe(conversationB);
    expect(probing.welcome.visitor?.id).not.toBe(undefined);
    await probing.socket.sync();
    expect(probing.socket.received.filter((f) => f.type === 'message').map((f) => f.message.conversationId)).toEqual([conversationB]);
    expect(JSON.stringify(probing.socket.received)).not.toContain('A:');

    // No token at all, only A's conversation id: an unknown visitor who sees nothing.
    const stranger = await openVisitor(hub, key, { conversationId: conversationA, lastSeq: 0 });
    expect(stranger.welcome).toMatchObject({ visitor: null, conversation: null });
    await stranger.socket.sync();
    expect(stranger.socket.unread('message')).toEqual([]);

    // Writing from either socket never lands in A's conversation.
    expect((await say(probing.socket, 'B: again')).conversationId).toBe(conversationB);
    expect((await say(stranger.socket, 'who are you?')).conversationId).not.toBe(conversationA);
    expect(storedMessages(hub, conversationA).map((m) => m.text)).toEqual(['A: my card number is …', 'A: and my address is …']);

    // A, still connected, heard none of it.
    await a.sync();
    expect(a.unread('message')).toEqual([]);
    expect(tokenA).not.toBe(tokenB);
  });

  it('gives a visitor token no meaning on another channel', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const other = await chatAccount(hub);
    const { socket } = await openVisitor(hub, shop.channel.publicKey);
    const ack = await say(socket, 'hello shop');
    const { visitorToken } = await socket.next('visitor');

    const elsewhere = await openVisitor(hub, other.channel.publicKey, { visitorToken: visitorToken!, conversationId: ack.conversationId });
    expect(elsewhere.welcome).toMatchObject({ visitor: null, conversation: null });
    await elsewhere.socket.sync();
    expect(elsewhere.socket.unread('message')).toEqual([]);
  });
});

describe('between accounts', () => {
  function errorFor(socket: StaffSocket, match: { ref?: string; clientMsgId?: string }): Promise<StaffErrorFrame> {
    return socket.waitFor<StaffErrorFrame>(
      (f) => f.type === 'error' && (match.ref === undefined || f.ref === match.ref) && (match.clientMsgId === undefined || f.clientMsgId === match.clientMsgId),
      `an error for ${JSON.stringify(match)}`,
    );
  }

  it('never shows another account’s conversations, and answers its ids with conversation_not_found', async () => {
    const hub = await startChatHub();
    const one = await chatAccount(hub, { name: 'One' });
    const two = await chatAccount(hub, { name: 'Two' });
    // Connected before the visitor writes, so live events would reach them if they leaked.
    const intruders = [await openStaff(hub, await two.staffToken('agent')), await openStaff(hub, two.adminToken)];
    const { socket: own } = await openStaff(hub, await one.staffToken('agent'));

    const { socket: visitor } = await openVisitor(hub, one.channel.publicKey);
    const { conversationId } = await say(visitor, 'Only for account One');
    await visitor.next('visitor');
    await visitor.next('conversation');
    await own.next('conversation');
    await own.next('message');

    for (const { socket, welcome } of intruders) {
      expect(welcome.conversations).toEqual([]);
      await socket.sync();
      expect(socket.unread()).toEqual([]);

      socket.send({ type: 'take', conversationId, ref: 'take' });
      expect(await errorFor(socket, { ref: 'take' })).toMatchObject({ code: 'conversation_not_found' });
      const clientMsgId = newClientMsgId();
      socket.send({ type: 'send', conversationId, clientMsgId, text: 'hijacked' });
      expect(await errorFor(socket, { clientMsgId })).toMatchObject({ code: 'conversation_not_found' });
      socket.send({ type: 'history', conversationId, afterSeq: 0, ref: 'history' });
      expect(await errorFor(socket, { ref: 'history' })).toMatchObject({ code: 'conversation_not_found' });
      socket.send({ type: 'close', conversationId, ref: 'close' });
      expect(await errorFor(socket, { ref: 'close' })).toMatchObject({ code: 'conversation_not_found' });
      socket.send({ type: 'typing', conversationId, typing: true });
      socket.send({ type: 'read', conversationId, seq: 1 });
      await socket.sync();
      expect(socket.unread().filter((f) => f.type !== 'error')).toEqual([]);
    }

    // Nothing reached the visitor and nothing changed in the conversation.
    await visitor.sync();
    expect(visitor.unread()).toEqual([]);
    expect(storedMessages(hub, conversationId).map((m) => m.text)).toEqual(['Only for account One']);
    expect(hub.storage.sqlite.prepare('SELECT state, assignee_id, staff_read_seq FROM conversations WHERE id = ?').get(conversationId)).toEqual({
      state: 'queued',
      assignee_id: null,
      staff_read_seq: 0,
    });

    // Account One's own agent still can take it.
    own.send({ type: 'take', conversationId, ref: 'mine' });
    await own.waitFor((f) => f.type === 'done' && f.ref === 'mine', 'done mine');
    for (const { socket } of intruders) {
      await socket.sync();
      expect(socket.unread().filter((f) => f.type !== 'error')).toEqual([]);
    }
  });
});
