import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, type AckFrame, type ErrorFrame } from '@interact/sdk/protocol';
import type { ConversationMessageWrite } from '../workers/message-writes.mjs';
import { databaseFile } from '../src/storage/database.js';
import { GroupCommitter } from '../src/storage/group-commit.js';
import { MessageWriterThread } from '../src/storage/message-writer-thread.js';
import {
  chatAccount,
  committedReader,
  newClientMsgId,
  openStaff,
  openVisitor,
  persistentDataDir,
  say,
  startChatHub,
  startHubOn,
  storedMessages,
  type StoredMessage,
  type VisitorSocket,
} from './chat-helpers.js';

/**
 * What the hub promises about messages: an ack means the message is committed (and so survives a
 * restart), a resend with the same clientMsgId is stored once, and a visitor who comes back gets
 * exactly what they missed.
 */

function ackOf(socket: VisitorSocket, clientMsgId: string, timeoutMs?: number): Promise<AckFrame> {
  return socket.waitFor<AckFrame>((f) => f.type === 'ack' && f.clientMsgId === clientMsgId, `the ack of ${clientMsgId}`, timeoutMs);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

describe('acknowledgements', () => {
  it('acks only what is committed: at the moment an ack arrives its row is visible to another connection', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const { socket } = await openVisitor(hub, shop.channel.publicKey);
    const reader = committedReader(hub);
    const rowsAtAck = new Map<string, StoredMessage | undefined>();
    socket.observe((frame) => {
      if (frame.type !== 'ack') return;
      rowsAtAck.set(
        frame.clientMsgId,
        reader
          .prepare('SELECT id, conversation_id, seq, author_kind, text, client_msg_id FROM messages WHERE id = ?')
          .get(frame.id) as StoredMessage | undefined,
      );
    });

    // Three sends without waiting in between: acks come back in order with seq 1, 2, 3.
    const ids = ['one', 'two', 'three'].map((text) => {
      const clientMsgId = newClientMsgId();
      socket.send({ type: 'send', clientMsgId, text });
      return { clientMsgId, text };
    });
    const acks = await socket.many('ack', 3);
    expect(acks.map((a) => [a.clientMsgId, a.seq])).toEqual(ids.map((m, i) => [m.clientMsgId, i + 1]));
    for (const [i, ack] of acks.entries()) {
      expect(rowsAtAck.get(ack.clientMsgId)).toEqual({
        id: ack.id,
        conversation_id: ack.conversationId,
        seq: i + 1,
        author_kind: 'visitor',
        text: ids[i]!.text,
        client_msg_id: ack.clientMsgId,
      });
    }
    expect(storedMessages(hub).map((m) => m.id)).toEqual(acks.map((a) => a.id));
  });

  it('answers a write that fails with an error naming the message, never an ack, and a retry stores it once', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const { socket: other } = await openVisitor(hub, shop.channel.publicKey);
    await say(other, 'I was here first');
    const { socket } = await openVisitor(hub, shop.channel.publicKey);
    // Stands in for a disk error: the insert of this one text fails inside the transaction.
    hub.storage.sqlite.exec(
      `CREATE TRIGGER refuse_boom BEFORE INSERT ON messages WHEN NEW.text = 'boom' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`,
    );

    const clientMsgId = newClientMsgId();
    socket.send({ type: 'send', clientMsgId, text: 'boom' });
    const otherAck = say(other, 'fine');
    const error = await socket.waitFor<ErrorFrame>((f) => f.type === 'error', 'an error');
    expect(error).toMatchObject({ code: 'internal', clientMsgId });
    // The write failed as a whole: no message, and no visitor for this first-time writer.
    expect((await otherAck).seq).toBe(2);
    await socket.sync();
    expect(socket.unread()).toEqual([]);
    expect(storedMessages(hub).map((m) => m.text)).toEqual(['I was here first', 'fine']);
    expect(hub.storage.sqlite.prepare('SELECT count(*) AS n FROM visitors').get()).toEqual({ n: 1 });

    hub.storage.sqlite.exec('DROP TRIGGER refuse_boom');
    socket.send({ type: 'send', clientMsgId, text: 'boom' });
    socket.send({ type: 'send', clientMsgId, text: 'boom' });
    const [first, second] = await socket.many('ack', 2);
    expect(first).toMatchObject({ clientMsgId, seq: 1 });
    expect(second).toEqual(first);
    expect((await socket.next('visitor')).visitorToken).toEqual(expect.any(String));
    expect(storedMessages(hub).filter((m) => m.client_msg_id === clientMsgId)).toHaveLength(1);
    expect(hub.storage.sqlite.prepare('SELECT count(*) AS n FROM visitors').get()).toEqual({ n: 2 });
  });
});

describe('a new visitor whose first write fails after its commit', () => {
  it('gets their token with the retry, which finds the message stored: one visitor, one message', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const key = shop.channel.publicKey;
    const { socket } = await openVisitor(hub, key);
    // The commit goes through, its fsync fails: nobody may be told, the visitor is asked to resend.
    const durable = hub.storage.durable;
    hub.storage.durable = () => Promise.reject(new Error('EIO'));
    const clientMsgId = newClientMsgId();
    socket.send({ type: 'send', clientMsgId, text: 'Hello?' });
    expect(await socket.next('error')).toMatchObject({ code: 'internal', clientMsgId });
    hub.storage.durable = durable;
    expect(socket.unread('visitor')).toEqual([]);

    socket.send({ type: 'send', clientMsgId, text: 'Hello?' });
    const ack = await socket.next('ack');
    const { visitorToken } = await socket.next('visitor');
    expect(visitorToken).toEqual(expect.any(String));
    expect(storedMessages(hub).map((m) => [m.client_msg_id, m.id])).toEqual([[clientMsgId, ack.id]]);
    expect(hub.storage.sqlite.prepare('SELECT count(*) AS n FROM visitors').get()).toEqual({ n: 1 });

    // The token is the visitor's: a reload with it finds the conversation.
    const { welcome } = await openVisitor(hub, key, { visitorToken: visitorToken!, conversationId: ack.conversationId, lastSeq: 0 });
    expect(welcome.conversation?.id).toBe(ack.conversationId);
  });
  it('can still write after an identify whose transaction failed as a whole', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const { socket } = await openVisitor(hub, shop.channel.publicKey);
    const { sqlite } = hub.storage;
    // RAISE(ROLLBACK) ends the whole transaction, as an I/O error would: the visitor row that the
    // identify created in it is gone too.
    sqlite.exec(`CREATE TRIGGER refuse_profile BEFORE UPDATE ON visitors BEGIN SELECT RAISE(ROLLBACK, 'disk trouble'); END`);
    socket.send({ type: 'identify', profile: { firstName: 'Ann' } });
    expect((await socket.next('error')).code).toBe('internal');
    expect(sqlite.prepare('SELECT count(*) AS n FROM visitors').get()).toEqual({ n: 0 });
    sqlite.exec('DROP TRIGGER refuse_profile');

    const ack = await say(socket, 'Still there?');
    expect((await socket.next('visitor')).visitorToken).toEqual(expect.any(String));
    expect(storedMessages(hub).map((m) => m.id)).toEqual([ack.id]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM visitors').get()).toEqual({ n: 1 });
  });
});

describe('the same clientMsgId sent many times', () => {
  it('is stored once when one socket sends it 10 times at once; every ack names the same message', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const { socket } = await openVisitor(hub, shop.channel.publicKey);

    const clientMsgId = newClientMsgId();
    for (const _ of range(10)) socket.send({ type: 'send', clientMsgId, text: 'only once please' });
    const acks = await socket.many('ack', 10);
    expect(new Set(acks.map((a) => `${a.id}/${a.seq}/${a.conversationId}`)).size).toBe(1);
    expect(acks[0]!.seq).toBe(1);
    expect(storedMessages(hub)).toEqual([expect.objectContaining({ id: acks[0]!.id, seq: 1, client_msg_id: clientMsgId })]);
    // One visitor and one conversation came out of it, not ten.
    expect(socket.unread('visitor')).toHaveLength(1);
    expect(hub.storage.sqlite.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 1 });
  });

  it('is stored once when two tabs of the same visitor send it 10 times each at once', async () => {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const { socket: first } = await openVisitor(hub, shop.channel.publicKey);
    const opening = await say(first, 'Hello');
    const { visitorToken } = await first.next('visitor');
    const hello = { visitorToken: visitorToken!, conversationId: opening.conversationId, lastSeq: opening.seq };
    const [tabA, tabB] = await Promise.all([openVisitor(hub, shop.channel.publicKey, hello), openVisitor(hub, shop.channel.publicKey, hello)]);

    const clientMsgId = newClientMsgId();
    for (const _ of range(10)) {
      tabA.socket.send({ type: 'send', clientMsgId, text: 'from two tabs' });
      tabB.socket.send({ type: 'send', clientMsgId, text: 'from two tabs' });
    }
    const acks = [...(await tabA.socket.many('ack', 10)), ...(await tabB.socket.many('ack', 10))];
    expect(new Set(acks.map((a) => `${a.id}/${a.seq}`))).toEqual(new Set([`${acks[0]!.id}/2`]));
    expect(storedMessages(hub).map((m) => [m.seq, m.client_msg_id])).toEqual([
      [1, opening.clientMsgId],
      [2, clientMsgId],
    ]);
    // The first tab, which sent nothing, sees the message once.
    const seen = await first.next('message');
    expect(seen.message).toMatchObject({ id: acks[0]!.id, seq: 2 });
    await first.sync();
    expect(first.unread('message')).toEqual([]);
  });
});

describe('coming back', () => {
  /** A hub and a visitor who has written once: their first message, token and conversation. */
  async function visitorWhoWrote(text: string) {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const key = shop.channel.publicKey;
    const { socket: visitor } = await openVisitor(hub, key);
    const first = await say(visitor, text);
    const { visitorToken } = await visitor.next('visitor');
    return { hub, shop, key, visitor, first, visitorToken, conversationId: first.conversationId };
  }

  it('replays exactly what a visitor missed while away, in order; a reload with lastSeq 0 gets everything', async () => {
    const { hub, shop, key, visitor, first, visitorToken, conversationId } = await visitorWhoWrote('Is my parcel on its way?');

    const { socket: agent, welcome } = await openStaff(hub, await shop.staffToken('agent'));
    expect(welcome.conversations[0]).toMatchObject({ id: conversationId, visitor: { online: true } });
    await visitor.drop();
    expect(await agent.next('visitor-presence')).toEqual({ type: 'visitor-presence', conversationId, online: false });

    const answers = await Promise.all(range(10).map((i) => say(agent, `Answer ${i + 1}`, { conversationId })));
    expect(answers.map((a) => a.seq)).toEqual(range(10).map((i) => i + 2));

    const hello = { visitorToken: visitorToken!, conversationId, lastSeq: first.seq };
    const { socket: back, welcome: again } = await openVisitor(hub, key, hello);
    expect(again.visitor?.id).toEqual(expect.any(String));
    expect(again.conversation).toEqual({ id: conversationId, state: 'assigned', lastSeq: 11, readSeq: 0 });
    const replay = await back.many('message', 10);
    expect(replay.map((f) => [f.message.seq, f.message.id, f.message.text])).toEqual(answers.map((a, i) => [a.seq, a.id, `Answer ${i + 1}`]));
    await back.sync();
    expect(back.unread('message')).toEqual([]);
    expect(await agent.next('visitor-presence')).toEqual({ type: 'visitor-presence', conversationId, online: true });

    // New messages after the replay arrive live, once.
    const live = await say(agent, 'Anything else?', { conversationId });
    expect((await back.next('message')).message).toMatchObject({ id: live.id, seq: 12 });

    const { socket: reloaded } = await openVisitor(hub, key, { ...hello, lastSeq: 0 });
    const everything = await reloaded.many('message', 12);
    expect(everything.map((f) => f.message.seq)).toEqual(range(12).map((i) => i + 1));
    expect(everything[0]!.message).toMatchObject({ id: first.id, text: 'Is my parcel on its way?', author: { kind: 'visitor' } });
    await reloaded.sync();
    expect(reloaded.unread('message')).toEqual([]);
  });

  it('replays everything missed, however much: 2,500 messages arrive whole and in order, and so does staff history', async () => {
    const { hub, shop, key, visitor, first, visitorToken, conversationId } = await visitorWhoWrote('Tell me everything');
    await visitor.drop();
    // Far more than a visitor can send (5 a second): written straight into the database.
    const { sqlite } = hub.storage;
    const insert = sqlite.prepare(
      `INSERT INTO messages (id, account_id, conversation_id, seq, author_kind, author_name, text, created_at)
       VALUES (?, ?, ?, ?, 'user', 'Ann', ?, ?)`,
    );
    sqlite.transaction(() => {
      for (let seq = 2; seq <= 2_501; seq++) insert.run(`bulk-${seq}`, shop.account.id, conversationId, seq, `Part ${seq}`, Date.now());
      sqlite.prepare('UPDATE conversations SET last_seq = 2501 WHERE id = ?').run(conversationId);
    })();

    const { socket: back } = await openVisitor(hub, key, { visitorToken: visitorToken!, conversationId, lastSeq: first.seq });
    const replay = await back.many('message', 2_500);
    expect(replay.map((f) => f.message.seq)).toEqual(range(2_500).map((i) => i + 2));
    expect(replay.at(-1)!.message).toMatchObject({ id: 'bulk-2501', text: 'Part 2501' });
    await back.sync();
    expect(back.unread('message')).toEqual([]);

    const { socket: admin } = await openStaff(hub, shop.adminToken);
    admin.send({ type: 'history', ref: 'h', conversationId, afterSeq: 0 });
    const history = await admin.many('message', 2_501);
    expect(history.map((f) => f.message.seq)).toEqual(range(2_501).map((i) => i + 1));
    expect(await admin.next('done')).toMatchObject({ ref: 'h' });
  });
});

describe('restarting the hub', () => {
  it('keeps every acknowledged message, and the visitor resumes on the new hub', async () => {
    const dataDir = persistentDataDir();
    const first = await startHubOn(dataDir);
    const shop = await chatAccount(first);
    const key = shop.channel.publicKey;
    const { socket: visitor } = await openVisitor(first, key);
    const acks: AckFrame[] = [await say(visitor, 'Before the restart')];
    const { visitorToken } = await visitor.next('visitor');
    const { conversationId } = acks[0]!;
    const { socket: agent } = await openStaff(first, await shop.staffToken('agent'));
    for (const i of range(3)) acks.push(await say(agent, `Staff ${i}`, { conversationId }));
    for (const i of range(3)) acks.push(await say(visitor, `Visitor ${i}`));

    await first.close();
    // Sockets are told the hub is going away, so real clients reconnect at once.
    expect((await visitor.closed()).code).toBe(CLOSE_CODES.goingAway);
    expect((await agent.closed()).code).toBe(CLOSE_CODES.goingAway);

    const second = await startHubOn(dataDir);
    expect(storedMessages(second).map((m) => [m.id, m.seq, m.client_msg_id])).toEqual(acks.map((a) => [a.id, a.seq, a.clientMsgId]));
    const { socket: back, welcome } = await openVisitor(second, key, { visitorToken: visitorToken!, conversationId, lastSeq: 0 });
    expect(welcome.conversation).toMatchObject({ id: conversationId, lastSeq: 7 });
    expect((await back.many('message', 7)).map((f) => f.message.id)).toEqual(acks.map((a) => a.id));
    expect((await say(back, 'After the restart')).seq).toBe(8);
  });

  it('keeps all of a 50-message burst when the hub is closed the moment the last ack arrives', async () => {
    const dataDir = persistentDataDir();
    const first = await startHubOn(dataDir);
    const shop = await chatAccount(first);
    // Five visitors, ten messages each: one visitor alone may not send that fast.
    const visitors = await Promise.all(range(5).map(() => openVisitor(first, shop.channel.publicKey)));
    const sent = visitors.flatMap(({ socket }, v) =>
      range(10).map((i) => {
        const clientMsgId = newClientMsgId();
        socket.send({ type: 'send', clientMsgId, text: `visitor ${v} message ${i}` });
        return { socket, clientMsgId };
      }),
    );
    const acks = await Promise.all(sent.map(({ socket, clientMsgId }) => ackOf(socket, clientMsgId)));
    await first.close();

    const second = await startHubOn(dataDir);
    const stored = new Map(storedMessages(second).map((m) => [m.id, m]));
    expect(stored.size).toBe(50);
    for (const ack of acks) {
      expect(stored.get(ack.id)).toMatchObject({ seq: ack.seq, conversation_id: ack.conversationId, client_msg_id: ack.clientMsgId });
    }
  });

  it('loses nothing acknowledged when it closes in the middle of a burst', async () => {
    const dataDir = persistentDataDir();
    const first = await startHubOn(dataDir);
    const shop = await chatAccount(first);
    const visitors = await Promise.all(range(5).map(() => openVisitor(first, shop.channel.publicKey)));
    const acks: AckFrame[] = [];
    for (const { socket } of visitors) socket.observe((f) => f.type === 'ack' && acks.push(f));
    // Close as soon as the first ack arrives, with most of the burst still in flight.
    let closing: Promise<void> | undefined;
    const closeStarted = new Promise<void>((resolve) => {
      visitors[0]!.socket.observe((f) => {
        if (f.type !== 'ack' || closing) return;
        closing = first.close();
        resolve();
      });
    });
    for (const [v, { socket }] of visitors.entries()) {
      for (const i of range(10)) socket.send({ type: 'send', clientMsgId: newClientMsgId(), text: `visitor ${v} message ${i}` });
    }
    await closeStarted;
    await closing;
    await Promise.all(visitors.map(({ socket }) => socket.closed()));

    const second = await startHubOn(dataDir);
    const stored = storedMessages(second);
    const byId = new Map(stored.map((m) => [m.id, m]));
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) expect(byId.get(ack.id)).toMatchObject({ seq: ack.seq, client_msg_id: ack.clientMsgId });
    // Whatever made it in did so whole: each conversation's seqs run 1..n without gaps.
    const seqs = new Map<string, number[]>();
    for (const m of stored) seqs.set(m.conversation_id, [...(seqs.get(m.conversation_id) ?? []), m.seq]);
    for (const list of seqs.values()) expect(list).toEqual(range(list.length).map((i) => i + 1));
  });
});

describe('group commit', () => {
  /** A scratch table and a committer on a test hub's database. */
  async function scratch() {
    const hub = await startChatHub();
    const { sqlite } = hub.storage;
    sqlite.exec('CREATE TABLE scratch (v TEXT NOT NULL UNIQUE)');
    const insert = sqlite.prepare('INSERT INTO scratch (v) VALUES (?)');
    const reader = committedReader(hub);
    const visible = () => (reader.prepare('SELECT v FROM scratch ORDER BY v').all() as Array<{ v: string }>).map((r) => r.v);
    return { hub, sqlite, insert, visible, committer: new GroupCommitter(hub.storage) };
  }

  it('runs the writes of one event-loop turn in one transaction, resolving each only after the commit', async () => {
    const { insert, visible, committer } = await scratch();
    const seenInside: string[][] = [];
    const seenAfter: string[][] = [];
    const writes = ['a', 'b', 'c'].map((v) =>
      committer
        .run(() => {
          insert.run(v);
          // Not committed yet: another connection sees none of this batch.
          seenInside.push(visible());
          return v;
        })
        .then((value) => {
          seenAfter.push(visible());
          return value;
        }),
    );
    expect(await Promise.all(writes)).toEqual(['a', 'b', 'c']);
    expect(seenInside).toEqual([[], [], []]);
    expect(seenAfter).toEqual([['a', 'b', 'c'], ['a', 'b', 'c'], ['a', 'b', 'c']]);
  });

  it('resolves only once the WAL is on disk; a failed fsync rejects writes that did commit', async () => {
    const { hub, sqlite, insert, visible } = await scratch();
    let synced!: (ok: boolean) => void;
    const disk = () => new Promise<void>((resolve, reject) => (synced = (ok) => (ok ? resolve() : reject(new Error('EIO')))));
    const committer = new GroupCommitter({ ...hub.storage, durable: disk });
    let resolved = false;
    const write = committer.run(() => insert.run('a')).then(() => (resolved = true));
    await expect.poll(visible).toEqual(['a']);
    // Committed, written to the WAL, not yet synced: nobody may be told.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resolved).toBe(false);
    synced(true);
    await write;

    const failed = committer.run(() => insert.run('b'));
    await expect.poll(visible).toEqual(['a', 'b']);
    synced(false);
    await expect(failed).rejects.toThrow('EIO');
    // Other writes (REST routes) still commit with an fsync of their own.
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('ends a batch at maxBatch writes or when its time budget is spent; the rest follow in later transactions', async () => {
    const { hub, insert, visible } = await scratch();
    const batchSizes = (maxBatch: number, budgetMs: number, values: string[]) => {
      const sizes: number[] = [];
      let written = visible().length;
      const committer = new GroupCommitter(
        {
          ...hub.storage,
          durable: async () => {
            sizes.push(visible().length - written);
            written = visible().length;
          },
        },
        { maxBatch, budgetMs },
      );
      return Promise.all(values.map((v) => committer.run(() => insert.run(v)))).then(() => sizes);
    };
    expect(await batchSizes(2, 1_000, ['a', 'b', 'c', 'd', 'e'])).toEqual([2, 2, 1]);
    expect(await batchSizes(100, 0, ['f', 'g', 'h'])).toEqual([1, 1, 1]);
    expect(await batchSizes(100, 1_000, ['i', 'j', 'k'])).toEqual([3]);
  });

  it('starts no transaction while held; the writes queued meanwhile commit together once released', async () => {
    const { insert, visible, committer } = await scratch();
    const release = committer.hold();
    const writes = ['a', 'b'].map((v) => committer.run(() => insert.run(v)));
    await new Promise((resolve) => setTimeout(resolve, 30));
    writes.push(committer.run(() => insert.run('c')));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(visible()).toEqual([]);

    release();
    release(); // a second call changes nothing
    await Promise.all(writes);
    expect(visible()).toEqual(['a', 'b', 'c']);
    await committer.run(() => insert.run('d'));
    expect(visible()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rolls back and rejects only the write that failed; the rest of the batch commits', async () => {
    const { insert, visible, committer } = await scratch();
    const outcomes = await Promise.allSettled([
      committer.run(() => insert.run('a')),
      committer.run(() => {
        insert.run('half');
        throw new Error('no');
      }),
      committer.run(() => insert.run('a')), // unique violation
      committer.run(() => insert.run('c')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(visible()).toEqual(['a', 'c']);
  });

  it('rejects the writes of a transaction that a failure ended, writing none of them; later writes go on', async () => {
    const { sqlite, insert, visible, committer } = await scratch();
    // RAISE(ROLLBACK) ends the enclosing transaction, as SQLite does on some I/O errors. The writes
    // after it must not run outside any transaction (each committing alone, yet rejected): they
    // wait for the next transaction.
    sqlite.exec(`CREATE TRIGGER scratch_fatal BEFORE INSERT ON scratch WHEN NEW.v = 'fatal' BEGIN SELECT RAISE(ROLLBACK, 'gone'); END`);
    const outcomes = await Promise.allSettled(['a', 'fatal', 'c'].map((v) => committer.run(() => insert.run(v))));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(visible()).toEqual(['c']);
    expect(sqlite.inTransaction).toBe(false);

    await committer.run(() => insert.run('d'));
    expect(visible()).toEqual(['c', 'd']);
  });
});

describe('the message writer thread', () => {
  /** A hub with one visitor conversation; message writes for it, as the socket handlers make them. */
  async function conversationOnHub() {
    const hub = await startChatHub();
    const shop = await chatAccount(hub);
    const { socket } = await openVisitor(hub, shop.channel.publicKey);
    const { conversationId } = await say(socket, 'first');
    const reader = committedReader(hub);
    const committedTexts = () =>
      (reader.prepare('SELECT text FROM messages WHERE conversation_id = ? ORDER BY seq').all(conversationId) as Array<{ text: string }>).map(
        (r) => r.text,
      );
    let n = 0;
    const staffMessage = (text: string): ConversationMessageWrite => {
      n += 1;
      const createdAt = Date.now();
      return {
        kind: 'conversation-message',
        conversationId,
        message: { id: `writer-test-${n}`, authorKind: 'user', authorId: null, authorName: 'Ann', text, clientMsgId: `c${n}`, createdAt },
      };
    };
    return { hub, conversationId, committedTexts, staffMessage };
  }

  it('commits message writes and the writes run here in the order they were queued', async () => {
    const { hub, conversationId, staffMessage } = await conversationOnHub();
    const { sqlite } = hub.storage;
    const lastSeq = () => (sqlite.prepare('SELECT last_seq AS n FROM conversations WHERE id = ?').get(conversationId) as { n: number }).n;
    // All queued in one turn: a message, a close (run here), a message to the closed conversation,
    // and a read of where the conversation stands.
    const [before, closing, after, seqAtEnd] = await Promise.all([
      hub.committer.writeMessage(staffMessage('before the close')),
      hub.committer.run(() => sqlite.prepare(`UPDATE conversations SET state = 'closed' WHERE id = ?`).run(conversationId).changes),
      hub.committer.writeMessage(staffMessage('after the close')),
      hub.committer.run(lastSeq),
    ]);
    expect(before).toMatchObject({ conversationId, seq: 2, duplicate: false });
    expect(closing).toBe(1);
    expect(after).toBeNull();
    expect(seqAtEnd).toBe(2);
    expect(storedMessages(hub, conversationId).map((m) => m.text)).toEqual(['first', 'before the close']);
  });

  it('lets a held committer start nothing; a batch already in the thread commits, and settled() says when', async () => {
    const { hub, committedTexts, staffMessage } = await conversationOnHub();
    const { committer } = hub;
    const inThread = ['one', 'two', 'three'].map((text) => committer.writeMessage(staffMessage(text)));
    // The batch leaves for the thread at the end of this turn; hold right after that.
    await new Promise((resolve) => setImmediate(resolve));
    const release = committer.hold();
    await committer.settled();
    expect(committedTexts()).toEqual(['first', 'one', 'two', 'three']);
    await Promise.all(inThread);

    const held = committer.writeMessage(staffMessage('held'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(committedTexts()).toEqual(['first', 'one', 'two', 'three']);
    release();
    expect(await held).toMatchObject({ seq: 5 });
    expect(committedTexts()).toEqual(['first', 'one', 'two', 'three', 'held']);
  });

  it('settled() waits for the batches in the thread when asked, not for those handed over after, under steady writes', async () => {
    const { hub, committedTexts, staffMessage } = await conversationOnHub();
    const { committer } = hub;
    const first = ['one', 'two'].map((text) => committer.writeMessage(staffMessage(text)));
    await new Promise((resolve) => setImmediate(resolve));
    // From now on a write every turn: the thread always has a batch, and is never idle.
    let pumping = true;
    const pumped: Array<Promise<unknown>> = [];
    const pump = () => {
      if (!pumping) return;
      pumped.push(committer.writeMessage(staffMessage('more')));
      setImmediate(pump);
    };
    pump();
    const settled = committer.settled().then(() => committedTexts());
    const timeout = new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), 5_000));
    const seen = await Promise.race([settled, timeout]);
    pumping = false;
    expect(seen).not.toBe('timed out');
    expect((seen as string[]).slice(0, 3)).toEqual(['first', 'one', 'two']);
    await Promise.all([...first, ...pumped]);
  });

  it('stores messages on the main connection once the thread has stopped: nothing is refused', async () => {
    const { hub, committedTexts, staffMessage } = await conversationOnHub();
    const writer = new MessageWriterThread(databaseFile(hub.config.dataDir), 64 * 1024 * 1024, (error) => {
      throw error;
    });
    const committer = new GroupCommitter(hub.storage, undefined, writer);
    expect(await committer.writeMessage(staffMessage('in the thread'))).toMatchObject({ seq: 2 });
    await writer.stop();
    expect(writer.available).toBe(false);
    const resent = staffMessage('in the thread');
    resent.message.clientMsgId = 'c1';
    const [here, again] = await Promise.all([committer.writeMessage(staffMessage('here')), committer.writeMessage(resent)]);
    expect(here).toMatchObject({ seq: 3, duplicate: false });
    expect(again).toMatchObject({ seq: 2, duplicate: true, messageId: 'writer-test-1' });
    expect(committedTexts()).toEqual(['first', 'in the thread', 'here']);
  });
});
