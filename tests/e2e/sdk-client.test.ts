import { afterEach, describe, expect, it } from 'vitest';
import { memoryStorage, StaffClient, VisitorClient, type ChatMessage } from '@interact/sdk';
import WebSocket from 'ws';
import { demoAccount, staffToken } from '../support/demo.js';
import { eventually, startHub, webSocketFrom, type RunningHub } from '../support/hub.js';

const running: RunningHub[] = [];
const clients: Array<{ disconnect(): void }> = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  for (const hub of running.splice(0)) await hub.cleanup();
});

async function setUp() {
  const hub = await startHub();
  running.push(hub);
  const demo = await demoAccount(hub.hub);
  const staff = new StaffClient({
    hubUrl: hub.url,
    token: await staffToken(hub.url, demo.email, demo.password),
    WebSocket: WebSocket as never,
  });
  clients.push(staff);
  await staff.connect();
  const storage = memoryStorage();
  const visitor = () => {
    const client = new VisitorClient({
      hubUrl: hub.url,
      channelKey: demo.channelKey,
      storage,
      WebSocket: webSocketFrom(hub.url) as never,
      reconnectInitialMs: 50,
    });
    clients.push(client);
    return client;
  };
  return { hub, staff, visitor, storage };
}

describe('the SDK clients against a real hub', () => {
  it('a visitor writes, staff answer, and the visitor sees the answer with an unread count', async () => {
    const { staff, visitor } = await setUp();
    const client = visitor();
    client.connect();
    await eventually(() => client.state.connection === 'online', 'the visitor online');
    expect(client.state.availability).toEqual({ status: 'online' });

    const newConversation = new Promise<string>((resolve) => staff.on('conversation', (c) => resolve(c.id)));
    client.send('Do you bake gluten-free bread?');
    const conversationId = await newConversation;
    await eventually(() => client.state.messages[0]?.status === 'sent', 'the ack');
    expect(client.state.messages[0]).toMatchObject({ seq: 1, text: 'Do you bake gluten-free bread?' });

    const unread: number[] = [];
    client.on('unread-count-change', (n) => unread.push(n));
    await staff.take(conversationId);
    const ack = await staff.send(conversationId, 'Yes, on Fridays.');
    expect(ack.seq).toBe(2);
    await eventually(() => client.state.messages.length === 2, 'the answer');
    expect(client.state.messages[1]).toMatchObject({ seq: 2, text: 'Yes, on Fridays.', author: { kind: 'user', name: 'Ada' } });
    expect(unread).toEqual([1]);
    client.markRead();
    expect(client.state.unread).toBe(0);
  });

  it('resumes after a drop: messages sent meanwhile arrive once, in order', async () => {
    const { staff, visitor } = await setUp();
    const client = visitor();
    client.connect();
    await eventually(() => client.state.connection === 'online', 'online');
    const conversation = new Promise<string>((resolve) => staff.on('conversation', (c) => resolve(c.id)));
    client.send('Hello');
    const id = await conversation;
    await eventually(() => client.state.messages[0]?.status === 'sent', 'ack');

    client.disconnect();
    for (let i = 1; i <= 10; i += 1) await staff.send(id, `answer ${i}`);
    client.connect();
    await eventually(() => client.state.messages.length === 11, 'the ten answers');
    const seqs = client.state.messages.map((m) => (m as ChatMessage).seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(client.state.messages.slice(1).map((m) => m.text)).toEqual(Array.from({ length: 10 }, (_, i) => `answer ${i + 1}`));
  });

  it('a reload (a new client with the same storage) restores the conversation', async () => {
    const { visitor } = await setUp();
    const first = visitor();
    first.connect();
    await eventually(() => first.state.connection === 'online', 'online');
    first.send('one');
    first.send('two');
    await eventually(() => first.state.messages.every((m) => m.status === 'sent') && first.state.messages.length === 2, 'acks');
    first.disconnect();

    const reloaded = visitor();
    reloaded.connect();
    await eventually(() => reloaded.state.messages.length === 2, 'the restored conversation');
    expect(reloaded.state.messages.map((m) => m.text)).toEqual(['one', 'two']);
    expect(reloaded.state.visitor?.id).toBe(first.state.visitor?.id);
  });

  it('messages written while the hub is down are sent once it is back, without duplicates', async () => {
    const { hub, visitor } = await setUp();
    const client = visitor();
    client.connect();
    await eventually(() => client.state.connection === 'online', 'online');
    client.send('before the restart');
    await eventually(() => client.state.messages[0]?.status === 'sent', 'ack');

    await hub.stop();
    await eventually(() => client.state.connection === 'reconnecting', 'the client noticing');
    client.send('while the hub is down');
    expect(client.state.messages[1]?.status).toBe('sending');

    const again = await startHub({ dataDir: hub.dataDir, port: Number(new URL(hub.url).port) });
    running.push(again);
    await eventually(() => client.state.messages[1]?.status === 'sent', 'the resent message acknowledged', 20_000);
    const rows = again.hub.storage.sqlite.prepare('SELECT seq, text FROM messages ORDER BY seq').all();
    expect(rows).toEqual([
      { seq: 1, text: 'before the restart' },
      { seq: 2, text: 'while the hub is down' },
    ]);
  });

  it('nothing is written to storage before the visitor opens the chat or writes', async () => {
    const { visitor, storage } = await setUp();
    const client = visitor();
    client.connect();
    await eventually(() => client.state.connection === 'online', 'online');
    expect(storage.get(`interact:${(await demoAccount(running[0]!.hub)).channelKey}`)).toBeNull();
    client.send('now I write');
    await eventually(() => client.state.visitor !== null, 'the visitor created');
    const saved = JSON.parse(storage.get(`interact:${(await demoAccount(running[0]!.hub)).channelKey}`)!);
    expect(saved.visitorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a staff client whose session ends is told so and stops reconnecting', async () => {
    const again = await startHub({ config: { realtime: { sessionRecheckMs: 100 } } });
    running.push(again);
    const demo = await demoAccount(again.hub);
    const token = await staffToken(again.url, demo.email, demo.password);
    const staff = new StaffClient({ hubUrl: again.url, token, WebSocket: WebSocket as never, reconnectInitialMs: 50 });
    clients.push(staff);
    await staff.connect();
    const ended = new Promise<{ code: number }>((resolve) => staff.on('session-ended', resolve));
    const statuses: string[] = [];
    staff.on('status', (s) => statuses.push(s));
    await fetch(`${again.url}/api/v1/auth/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await ended).code).toBe(4001);
    await new Promise((r) => setTimeout(r, 300));
    expect(statuses).toEqual(['idle']);
  });
});
