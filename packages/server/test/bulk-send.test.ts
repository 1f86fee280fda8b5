import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { describe, expect, it, onTestFinished } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { VisitorServerFrame } from '@interact/sdk/protocol';
import { VisitorConnection } from '../src/realtime/connections.js';
import type { ChannelRow } from '../src/storage/schema.js';

/** A server-side socket and the client at its other end, over loopback. */
async function socketPair(): Promise<{ server: WebSocket; client: WebSocket }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  await once(client, 'open');
  const server = await accepted;
  onTestFinished(async () => {
    client.terminate();
    await new Promise((resolve) => wss.close(resolve));
  });
  return { server, client };
}

function messageFrame(seq: number): VisitorServerFrame {
  return {
    type: 'message',
    message: { id: `m${seq}`, conversationId: 'c1', seq, author: { kind: 'user', name: 'Ann' }, text: 'x'.repeat(1_000), createdAt: new Date(0).toISOString() },
  };
}

describe('a long run of frames to one socket (a replay, a history)', () => {
  it('goes out a bit at a time to a reader that does not keep up, and what is sent meanwhile comes after it', async () => {
    const { server, client } = await socketPair();
    const conn = new VisitorConnection(server, {} as ChannelRow, 'https://shop.example');
    const received: number[] = [];
    client.on('message', (data) => received.push((JSON.parse(String(data)) as { message: { seq: number } }).message.seq));
    client.pause();

    // About 21 MB of frames; what waits on the socket is sampled while they go out.
    const tcp = (server as unknown as { _socket: Duplex })._socket;
    let largest = 0;
    const sampler = setInterval(() => (largest = Math.max(largest, tcp.writableLength)), 1);
    onTestFinished(() => clearInterval(sampler));
    function* frames() {
      for (let seq = 1; seq <= 20_000; seq++) yield messageFrame(seq);
    }
    let finished = false;
    const all = conn.sendAll(frames()).then(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The reader is stuck: the run waits for it instead of piling everything up.
    expect(finished).toBe(false);
    conn.send(messageFrame(20_001));

    client.resume();
    await all;
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(20_001);
    expect(received).toEqual(Array.from({ length: 20_001 }, (_, i) => i + 1));
    expect(largest).toBeLessThan(1024 * 1024);
  });
});
