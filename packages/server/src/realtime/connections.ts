import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { StaffServerFrame, VisitorServerFrame } from '@interact/sdk/protocol';
import type { AccountRow, ChannelRow, ConversationRow, UserRow, VisitorRow } from '../storage/schema.js';
import { TokenBucket } from './token-bucket.js';

/**
 * The TCP sockets written to in this event-loop turn, held corked: frames for one socket leave in
 * one write when the turn ends. A staff socket then gets every message of a group commit in one
 * syscall instead of one each (the write was a fifth of the hub's CPU under load).
 */
const corked = new Set<Duplex>();

function uncorkAll(): void {
  for (const stream of corked) stream.uncork();
  corked.clear();
}

/**
 * A final, unmasked text frame (RFC 6455, section 5.2), as a server sends it: header and payload
 * in one buffer, built once however many sockets it goes to.
 */
export function textFrame(json: string): Buffer {
  const length = Buffer.byteLength(json);
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.write(json, header);
  return frame;
}

/**
 * Sends a frame unless the socket is already closing; a closed peer is not an error. The frame goes
 * straight to ws's TCP socket (`_socket`, not in its types), as ws itself writes an uncompressed
 * frame (compression is off): one buffer per frame instead of two, and the bytes of a frame for
 * many sockets are made once. Frames and ws's own (pong, close) keep their order on that stream.
 */
function sendFrame(socket: WebSocket, frame: Buffer): void {
  if (socket.readyState !== socket.OPEN) return;
  const stream = tcpOf(socket);
  if (!corked.has(stream)) {
    if (corked.size === 0) setImmediate(uncorkAll);
    stream.cork();
    corked.add(stream);
  }
  stream.write(frame);
}

/**
 * Bytes that may wait on a socket before a long send (a replay, a history) stops for them to be
 * written: such a send then holds about this much per socket, whatever its length.
 */
const BULK_HIGH_WATER_BYTES = 256 * 1024;

const NOTHING_PENDING = Promise.resolve();

function tcpOf(socket: WebSocket): Duplex {
  return (socket as unknown as { _socket: Duplex })._socket;
}

/** Resolves when the stream has written what waits on it, or the socket closed. */
function drained(socket: WebSocket, stream: Duplex): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    socket.on('close', done);
  });
}

/**
 * A socket's frames: one at a time, or many in order without holding them all (`sendAll`). Frames
 * sent while a `sendAll` runs wait behind it, so the socket gets everything in the order it was
 * sent.
 */
abstract class Connection<F> {
  /** Frames waiting for a `sendAll` to finish; none while nothing long is being sent. */
  #behind: Buffer[] | undefined;
  /** The last `sendAll`; one promise for all sockets while none ever ran (idle sockets are many). */
  #bulk: Promise<void> = NOTHING_PENDING;

  constructor(readonly socket: WebSocket) {}

  send(frame: F): void {
    this.#write(textFrame(JSON.stringify(frame)));
  }

  sendEncoded(frame: EncodedFrame<F>): void {
    this.#write(frame.bytes);
  }

  /**
   * Sends every frame of `frames` (read lazily, so a database read can page), stopping whenever
   * the socket has BULK_HIGH_WATER_BYTES waiting until they are written. Resolves once all are
   * written to the socket, or it closed.
   */
  sendAll(frames: Iterable<F>): Promise<void> {
    const run = this.#bulk.then(() => this.#sendAll(frames));
    this.#bulk = run.catch(() => {});
    return run;
  }

  async #sendAll(frames: Iterable<F>): Promise<void> {
    this.#behind ??= [];
    try {
      const stream = tcpOf(this.socket);
      for (const frame of frames) {
        if (this.socket.readyState !== this.socket.OPEN) return;
        sendFrame(this.socket, textFrame(JSON.stringify(frame)));
        if (stream.writableLength > BULK_HIGH_WATER_BYTES) await drained(this.socket, stream);
      }
    } finally {
      const behind = this.#behind;
      this.#behind = undefined;
      for (const bytes of behind) sendFrame(this.socket, bytes);
    }
  }

  #write(bytes: Buffer): void {
    if (this.#behind) this.#behind.push(bytes);
    else sendFrame(this.socket, bytes);
  }
}

/** A frame serialised once, for sending the same frame to many sockets. */
export interface EncodedFrame<F> {
  readonly bytes: Buffer;
  /** Only for the type check: which frames this is. */
  readonly frame?: F;
}

export function encodeFrame<F>(frame: F): EncodedFrame<F> {
  return { bytes: textFrame(JSON.stringify(frame)) };
}

/** A visitor this socket's first write creates: chosen up front, so every write in flight names the same one. */
export interface NewVisitor {
  id: string;
  /** For the browser, sent once the row exists. */
  token: string;
  tokenHash: string;
}

export class VisitorConnection extends Connection<VisitorServerFrame> {
  visitor: VisitorRow | null = null;
  /** Until `visitor` is known: who the writes in flight create. */
  newVisitor: NewVisitor | undefined;
  conversation: ConversationRow | null = null;
  locale: string | undefined;
  helloDone = false;
  /** Messages a second; frames of any kind are bounded separately. */
  readonly sends = new TokenBucket(5, 10);
  readonly frames = new TokenBucket(20, 40);

  constructor(
    socket: WebSocket,
    /** The channel as it is now: replaced when an administrator changes it. */
    public channel: ChannelRow,
    /** The page's origin, as the channel's list spells it (one string shared by its sockets). */
    readonly origin: string,
  ) {
    super(socket);
  }
}

export class StaffConnection extends Connection<StaffServerFrame> {
  /** Conversations this socket has been told about and not told to forget. */
  readonly visible = new Set<string>();
  readonly frames = new TokenBucket(30, 60);

  constructor(
    socket: WebSocket,
    public user: UserRow,
    readonly account: AccountRow,
    /** The session token the socket was opened with: checked again while it stays open. */
    readonly token: string,
  ) {
    super(socket);
  }
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function remove<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/**
 * Who is connected, indexed the ways fan-out needs. In-process: with several hub nodes this is
 * where a pub/sub engine (Redis) takes over delivery between nodes.
 */
export class ConnectionRegistry {
  readonly #visitorsByAccount = new Map<string, Set<VisitorConnection>>();
  readonly #visitorsByConversation = new Map<string, Set<VisitorConnection>>();
  readonly #visitorsById = new Map<string, Set<VisitorConnection>>();
  readonly #staffByAccount = new Map<string, Set<StaffConnection>>();
  readonly #socketsByAddress = new Map<string, number>();

  /** Counts a socket from an address; false when the address already has `max`. */
  claimAddress(address: string, max: number): boolean {
    const count = this.#socketsByAddress.get(address) ?? 0;
    if (count >= max) return false;
    this.#socketsByAddress.set(address, count + 1);
    return true;
  }

  releaseAddress(address: string): void {
    const count = (this.#socketsByAddress.get(address) ?? 1) - 1;
    if (count <= 0) this.#socketsByAddress.delete(address);
    else this.#socketsByAddress.set(address, count);
  }

  addVisitor(conn: VisitorConnection): void {
    add(this.#visitorsByAccount, conn.channel.accountId, conn);
  }

  /** Files the connection under its visitor and conversation once they are known or change. */
  placeVisitor(conn: VisitorConnection, previous: { visitorId?: string | undefined; conversationId?: string | undefined }): void {
    if (previous.visitorId && previous.visitorId !== conn.visitor?.id) remove(this.#visitorsById, previous.visitorId, conn);
    if (previous.conversationId && previous.conversationId !== conn.conversation?.id) {
      remove(this.#visitorsByConversation, previous.conversationId, conn);
    }
    if (conn.visitor) add(this.#visitorsById, conn.visitor.id, conn);
    if (conn.conversation) add(this.#visitorsByConversation, conn.conversation.id, conn);
  }

  removeVisitor(conn: VisitorConnection): void {
    remove(this.#visitorsByAccount, conn.channel.accountId, conn);
    if (conn.visitor) remove(this.#visitorsById, conn.visitor.id, conn);
    if (conn.conversation) remove(this.#visitorsByConversation, conn.conversation.id, conn);
  }

  visitorsOfAccount(accountId: string): Iterable<VisitorConnection> {
    return this.#visitorsByAccount.get(accountId) ?? [];
  }

  visitorsOfConversation(conversationId: string): Iterable<VisitorConnection> {
    return this.#visitorsByConversation.get(conversationId) ?? [];
  }

  /** Other tabs of the same visitor follow along when one of them starts a new conversation. */
  connectionsOfVisitor(visitorId: string): Iterable<VisitorConnection> {
    return this.#visitorsById.get(visitorId) ?? [];
  }

  visitorOnline(visitorId: string): boolean {
    return (this.#visitorsById.get(visitorId)?.size ?? 0) > 0;
  }

  addStaff(conn: StaffConnection): void {
    add(this.#staffByAccount, conn.account.id, conn);
  }

  removeStaff(conn: StaffConnection): void {
    remove(this.#staffByAccount, conn.account.id, conn);
  }

  staffOfAccount(accountId: string): Iterable<StaffConnection> {
    return this.#staffByAccount.get(accountId) ?? [];
  }

  *allStaff(): Iterable<StaffConnection> {
    for (const set of this.#staffByAccount.values()) yield* set;
  }

  /** Staff users of the account with at least one open socket. */
  onlineStaffIds(accountId: string): Set<string> {
    return new Set([...this.staffOfAccount(accountId)].map((conn) => conn.user.id));
  }

  staffOnline(accountId: string): number {
    return this.#staffByAccount.get(accountId)?.size ?? 0;
  }

  /** Every socket, for shutdown. */
  *allSockets(): Iterable<WebSocket> {
    for (const set of this.#visitorsByAccount.values()) for (const c of set) yield c.socket;
    for (const set of this.#staffByAccount.values()) for (const c of set) yield c.socket;
  }
}
