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

/** Sends a text frame unless the socket is already closing; a closed peer is not an error. */
function sendText(socket: WebSocket, json: string): void {
  if (socket.readyState !== socket.OPEN) return;
  // ws keeps the TCP socket as `_socket` (not in its types); without one, frames go out one by one.
  const stream = (socket as unknown as { _socket?: Duplex })._socket;
  if (stream && !corked.has(stream)) {
    if (corked.size === 0) setImmediate(uncorkAll);
    stream.cork();
    corked.add(stream);
  }
  socket.send(json);
}

/** A frame serialised once, for sending the same frame to many sockets. */
export interface EncodedFrame<F> {
  readonly json: string;
  /** Only for the type check: which frames this is. */
  readonly frame?: F;
}

export function encodeFrame<F>(frame: F): EncodedFrame<F> {
  return { json: JSON.stringify(frame) };
}

/** A visitor this socket's first write creates: chosen up front, so every write in flight names the same one. */
export interface NewVisitor {
  id: string;
  /** For the browser, sent once the row exists. */
  token: string;
  tokenHash: string;
}

export class VisitorConnection {
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
    readonly socket: WebSocket,
    readonly channel: ChannelRow,
  ) {}

  send(frame: VisitorServerFrame): void {
    sendText(this.socket, JSON.stringify(frame));
  }

  sendEncoded(frame: EncodedFrame<VisitorServerFrame>): void {
    sendText(this.socket, frame.json);
  }
}

export class StaffConnection {
  /** Conversations this socket has been told about and not told to forget. */
  readonly visible = new Set<string>();
  readonly frames = new TokenBucket(30, 60);

  constructor(
    readonly socket: WebSocket,
    public user: UserRow,
    readonly account: AccountRow,
    /** The session token the socket was opened with: checked again while it stays open. */
    readonly token: string,
  ) {}

  send(frame: StaffServerFrame): void {
    sendText(this.socket, JSON.stringify(frame));
  }

  sendEncoded(frame: EncodedFrame<StaffServerFrame>): void {
    sendText(this.socket, frame.json);
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
