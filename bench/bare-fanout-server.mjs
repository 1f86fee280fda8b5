#!/usr/bin/env node
// The yardstick for the hub: a bare `ws` fan-out server that speaks just enough of the hub's
// protocol for the load client (bench/load-client.mjs). It answers `hello` with `welcome`, answers
// each visitor `send` with an `ack` and forwards the message to every staff socket. No storage, no
// validation, no authentication, no rate limits: what is left is WebSocket framing, JSON and the
// event loop, which the hub pays too.
//
//   node bench/bare-fanout-server.mjs --port 0
// prints `READY <port>` once listening, and stops on SIGTERM/SIGINT or when its stdin closes (so it
// never outlives the benchmark that started it).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const port = Number(flag('--port', '0'));
const host = '127.0.0.1';

// Same socket options as the hub's @fastify/websocket registration (realtime-plugin.ts).
const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024, perMessageDeflate: false, clientTracking: false });
const staff = new Set();
const visitors = new Set();

const server = createServer((req, res) => {
  if (req.url === '/readyz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
    return;
  }
  res.writeHead(404).end();
});

server.on('upgrade', (req, socket, head) => {
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/ws/visitor' && path !== '/ws/staff') {
    socket.destroy();
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => (path === '/ws/staff' ? onStaff(ws) : onVisitor(ws)));
});

function onVisitor(ws) {
  visitors.add(ws);
  // Per visitor: its conversation (made up on the first send) and the next seq.
  let conversationId = null;
  let seq = 0;
  ws.on('message', (data) => {
    let frame;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (frame.type === 'hello') {
      ws.send(
        JSON.stringify({
          type: 'welcome',
          channel: { name: 'Bare', greeting: 'Hello', color: '#000000', position: 'bottom-right' },
          availability: { status: staff.size > 0 ? 'online' : 'away' },
          visitor: null,
          conversation: null,
        }),
      );
    } else if (frame.type === 'send') {
      conversationId ??= randomUUID();
      seq += 1;
      const id = randomUUID();
      const createdAt = new Date().toISOString();
      ws.send(JSON.stringify({ type: 'ack', clientMsgId: frame.clientMsgId, id, seq, conversationId, createdAt }));
      const out = JSON.stringify({
        type: 'message',
        message: { id, conversationId, seq, author: { kind: 'visitor' }, text: frame.text, clientMsgId: frame.clientMsgId, createdAt },
      });
      for (const s of staff) s.send(out);
    }
  });
  ws.on('error', () => {});
  ws.on('close', () => visitors.delete(ws));
}

function onStaff(ws) {
  ws.on('message', (data) => {
    let frame;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (frame.type === 'hello' && !staff.has(ws)) {
      staff.add(ws);
      ws.send(JSON.stringify({ type: 'welcome', user: { id: 'bare', firstName: 'Bare', lastName: 'Staff', role: 'agent' }, conversations: [] }));
    }
  });
  ws.on('error', () => {});
  ws.on('close', () => staff.delete(ws));
}

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  for (const ws of [...visitors, ...staff]) ws.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();

server.listen(port, host, () => {
  console.log(`READY ${server.address().port}`);
});
