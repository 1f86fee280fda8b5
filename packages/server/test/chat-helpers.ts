import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import type {
  AckFrame,
  ConversationSummary,
  StaffServerFrame,
  StaffWelcome,
  VisitorHello,
  VisitorServerFrame,
  VisitorWelcome,
} from '@interact/sdk/protocol';
import type { ChannelView } from '../src/channels/channels-schemas.js';
import { loadConfig, type ConfigInput } from '../src/config/config.js';
import { buildHub } from '../src/server.js';
import { databaseFile } from '../src/storage/database.js';
import type { Role } from '../src/storage/schema.js';
import { TEST_SCRYPT_LOG_N, bearer, buildTestHub, seedAccount, seedUser, signIn, type SeededAccount } from './helper.js';

/**
 * Helpers for the live-chat suites: a hub listening on a free loopback port, real `ws` clients
 * that collect what the hub sends, and an account with a web channel and signed-in staff.
 */

/** The site the test channels allow. */
export const SHOP = 'https://shop.example';

/** How long a test waits for a frame the hub should send; far above what a passing run needs. */
const FRAME_TIMEOUT_MS = 5_000;

type Frame = { type: string };

/**
 * A WebSocket client that keeps every frame it receives. Frames are consumed by `next`/`waitFor`,
 * oldest first, so a test reads the conversation in order; `unread` shows what is left.
 * It closes itself when the test ends.
 */
export class TestSocket<F extends Frame> {
  /** Every frame received, consumed or not, in arrival order. */
  readonly received: F[] = [];
  /** Raw data that was not a JSON frame (should never happen: the hub only sends JSON). */
  readonly junk: string[] = [];
  /** Set when the socket has closed. */
  closeInfo: { code: number; reason: string } | undefined;
  readonly #consumed = new Set<number>();
  #wake: Array<() => void> = [];
  #observers: Array<(frame: F) => void> = [];
  readonly #closed: Promise<{ code: number; reason: string }>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      let frame: F;
      try {
        frame = JSON.parse(text) as F;
      } catch {
        this.junk.push(text);
        return;
      }
      this.received.push(frame);
      for (const observe of this.#observers) observe(frame);
      this.#notify();
    });
    this.#closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        this.#notify();
        resolve(this.closeInfo);
      });
    });
    // Errors show up as a close; without a listener `ws` would throw them.
    ws.on('error', () => {});
    onTestFinished(() => this.close());
  }

  /** Runs `observe` on each frame the moment it arrives, before any test code sees it. */
  observe(observe: (frame: F) => void): void {
    this.#observers.push(observe);
  }

  /** Sends a frame (serialised as JSON) or raw data as is. */
  send(frame: object | string | Buffer): void {
    this.ws.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
  }

  /** The first unread frame matching `predicate`, waiting for it if needed. */
  async waitFor<T extends F = F>(predicate: (frame: F) => boolean, what = 'a matching frame', timeoutMs = FRAME_TIMEOUT_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex((frame, i) => !this.#consumed.has(i) && predicate(frame));
      if (index >= 0) {
        this.#consumed.add(index);
        return this.received[index] as T;
      }
      if (this.closeInfo) {
        throw new Error(`socket closed (${this.closeInfo.code}) while waiting for ${what}; unread: ${JSON.stringify(this.unread())}`);
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no ${what} within ${timeoutMs} ms; unread: ${JSON.stringify(this.unread())}`);
      await this.#changed(remaining);
    }
  }

  /** The first unread frame of a type. */
  next<K extends F['type']>(type: K, timeoutMs?: number): Promise<Extract<F, { type: K }>> {
    return this.waitFor((frame) => frame.type === type, `a "${type}" frame`, timeoutMs);
  }

  /** The next `count` unread frames of a type, in arrival order. */
  async many<K extends F['type']>(type: K, count: number): Promise<Array<Extract<F, { type: K }>>> {
    const frames: Array<Extract<F, { type: K }>> = [];
    for (let i = 0; i < count; i++) frames.push(await this.next(type));
    return frames;
  }

  /** Frames not consumed yet (optionally of one type); consumes nothing. */
  unread<K extends F['type']>(type?: K): Array<Extract<F, { type: K }>> {
    return this.received.filter((frame, i) => !this.#consumed.has(i) && (type === undefined || frame.type === type)) as Array<
      Extract<F, { type: K }>
    >;
  }

  /**
   * Resolves once the hub has answered a ping. Whatever the hub wrote to this socket before it
   * read the ping has then arrived, so a test can assert that something was *not* sent.
   */
  async sync(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no pong within the timeout')), FRAME_TIMEOUT_MS);
      this.ws.once('pong', () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.ping();
    });
  }

  /** Resolves with the close code and reason once the socket is closed (by either side). */
  closed(timeoutMs = FRAME_TIMEOUT_MS): Promise<{ code: number; reason: string }> {
    return Promise.race([
      this.#closed,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('socket still open')), timeoutMs).unref()),
    ]);
  }

  /** Closes the socket like a page being left, and waits until it is closed. */
  async close(): Promise<void> {
    if (this.closeInfo) return;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    else this.ws.terminate();
    await this.closed().catch(() => this.ws.terminate());
  }

  /** Drops the connection without a closing handshake, like a lost network. */
  async drop(): Promise<void> {
    this.ws.terminate();
    await this.closed();
  }

  #changed(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#wake.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = [];
    for (const w of wake) w();
  }
}

export type VisitorSocket = TestSocket<VisitorServerFrame>;
export type StaffSocket = TestSocket<StaffServerFrame>;

/** A test hub listening on a free port of 127.0.0.1, closed and removed when the test ends. */
export async function startChatHub(overrides: ConfigInput = {}): Promise<FastifyInstance> {
  const hub = await buildTestHub(overrides);
  await hub.listen({ host: '127.0.0.1', port: 0 });
  return hub;
}

/** ws://127.0.0.1:<port><path> of a listening hub. */
export function wsUrl(hub: FastifyInstance, pathAndQuery: string): string {
  const { port } = hub.server.address() as AddressInfo;
  return `ws://127.0.0.1:${port}${pathAndQuery}`;
}

/** Opens a socket and resolves once the upgrade succeeded. */
export async function connect<F extends Frame>(url: string, headers: Record<string, string> = {}): Promise<TestSocket<F>> {
  const ws = new WebSocket(url, { headers });
  const socket = new TestSocket<F>(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res: IncomingMessage) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
    ws.once('close', () => reject(new Error('socket closed before it opened')));
  });
  return socket;
}

/** Tries an upgrade that the hub should refuse; resolves with the HTTP answer it gave instead. */
export function refusedUpgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const ws = new WebSocket(url, { headers });
  ws.on('error', () => {});
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('the upgrade was accepted'));
    });
    ws.once('unexpected-response', (req, res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        req.destroy();
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
  });
}

/** Opens a visitor socket on a channel and says hello; resolves with the socket and its welcome. */
export async function openVisitor(
  hub: FastifyInstance,
  channelKey: string,
  hello: Omit<VisitorHello, 'type'> = {},
  origin = SHOP,
): Promise<{ socket: VisitorSocket; welcome: VisitorWelcome }> {
  const socket = await connect<VisitorServerFrame>(wsUrl(hub, `/ws/visitor?key=${encodeURIComponent(channelKey)}`), { origin });
  socket.send({ type: 'hello', ...hello });
  return { socket, welcome: await socket.next('welcome') };
}

/** Opens a staff socket with a session token; resolves with the socket and its welcome. */
export async function openStaff(hub: FastifyInstance, token: string): Promise<{ socket: StaffSocket; welcome: StaffWelcome }> {
  const socket = await connect<StaffServerFrame>(wsUrl(hub, '/ws/staff'));
  socket.send({ type: 'hello', token });
  return { socket, welcome: await socket.next('welcome') };
}

let msgCounter = 0;

/** A fresh client message id, as the SDK's outbox would make one. */
export function newClientMsgId(): string {
  msgCounter += 1;
  return `m${msgCounter}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Sends a message and waits for its ack. */
export async function say<F extends VisitorServerFrame | StaffServerFrame>(
  socket: TestSocket<F>,
  text: string,
  extra: { conversationId?: string } = {},
): Promise<AckFrame> {
  const clientMsgId = newClientMsgId();
  socket.send({ type: 'send', clientMsgId, text, ...extra });
  return socket.waitFor<F & AckFrame>((f) => f.type === 'ack' && f.clientMsgId === clientMsgId, `the ack of ${clientMsgId}`);
}

/** The next inbox update about one conversation. */
export function conversationUpdate(socket: StaffSocket, conversationId: string): Promise<{ type: 'conversation'; conversation: ConversationSummary }> {
  return socket.waitFor((f) => f.type === 'conversation' && f.conversation.id === conversationId, `an update of ${conversationId}`);
}

/** The userHash a customer's backend computes for a visitor. */
export function userHash(identitySecret: string, subject: string): string {
  return createHmac('sha256', identitySecret).update(subject).digest('hex');
}

export interface ChatAccount extends SeededAccount {
  adminToken: string;
  channel: ChannelView;
  /** Signs in a new staff user of this account with the role; does not open a socket. */
  staffToken(role: Role, firstName?: string): Promise<string>;
}

/** An account with a web channel for SHOP, created through the API as its administrator. */
export async function chatAccount(
  hub: FastifyInstance,
  channel: { name?: string; awayMessage?: string; requireVerifiedIdentity?: boolean } = {},
): Promise<ChatAccount> {
  const seeded = await seedAccount(hub);
  const adminToken = await signIn(hub, seeded.admin.email, seeded.password);
  const response = await hub.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: bearer(adminToken),
    payload: { name: channel.name ?? 'Shop', allowedOrigins: [SHOP], ...channel },
  });
  if (response.statusCode !== 201) throw new Error(`channel not created: ${response.statusCode} ${response.body}`);
  return {
    ...seeded,
    adminToken,
    channel: response.json<ChannelView>(),
    async staffToken(role, firstName) {
      const { user, password } = await seedUser(hub, seeded.account.id, { role, ...(firstName ? { firstName } : {}) });
      return signIn(hub, user.email, password);
    },
  };
}

/** Rows of the messages table, read through the hub's own connection. */
export interface StoredMessage {
  id: string;
  conversation_id: string;
  seq: number;
  author_kind: string;
  text: string;
  client_msg_id: string | null;
}

export function storedMessages(hub: FastifyInstance, conversationId?: string): StoredMessage[] {
  const sql = `SELECT id, conversation_id, seq, author_kind, text, client_msg_id FROM messages
    ${conversationId ? 'WHERE conversation_id = ?' : ''} ORDER BY conversation_id, seq`;
  const statement = hub.storage.sqlite.prepare(sql);
  return (conversationId ? statement.all(conversationId) : statement.all()) as StoredMessage[];
}

/**
 * A second, read-only connection to the hub's database file. It sees only committed data, unlike
 * the hub's own connection, which also sees the writes of a transaction still in progress.
 */
export function committedReader(hub: FastifyInstance): BetterSqlite3.Database {
  const reader = new BetterSqlite3(databaseFile(hub.config.dataDir), { readonly: true });
  onTestFinished(() => {
    reader.close();
  });
  return reader;
}

/** A temporary data folder that outlives one hub (for restarts); removed when the test ends. */
export function persistentDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'interact-chat-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A hub on a given data folder, listening on a free port. The caller closes it (a restart test
 * closes it mid-test); if it is still open when the test ends, it is closed then. Registered
 * before the folder's clean-up runs, as vitest runs these callbacks in reverse order.
 */
export async function startHubOn(dataDir: string): Promise<FastifyInstance> {
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir,
      port: 0,
      logLevel: 'silent',
      publicUrl: 'http://hub.test',
      security: { scryptLogN: TEST_SCRYPT_LOG_N },
      storage: { checkpointIntervalMs: 50 },
    },
  });
  const hub = await buildHub(config);
  let closed = false;
  hub.addHook('onClose', async () => {
    closed = true;
  });
  onTestFinished(async () => {
    if (!closed) await hub.close();
  });
  await hub.listen({ host: '127.0.0.1', port: 0 });
  return hub;
}
