/** A message the visitor wrote that the hub has not acknowledged yet. */
export interface PendingMessage {
  clientMsgId: string;
  text: string;
  createdAt: string;
}

/** Random, URL-safe message id: the hub stores a message once per id, so resending is harmless. */
export function newClientMsgId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Unacknowledged messages, in the order they were written. */
export class Outbox {
  readonly #pending = new Map<string, PendingMessage>();

  constructor(initial: PendingMessage[] = []) {
    for (const m of initial) this.#pending.set(m.clientMsgId, m);
  }

  add(text: string): PendingMessage {
    const message = { clientMsgId: newClientMsgId(), text, createdAt: new Date().toISOString() };
    this.#pending.set(message.clientMsgId, message);
    return message;
  }

  acknowledge(clientMsgId: string): boolean {
    return this.#pending.delete(clientMsgId);
  }

  has(clientMsgId: string): boolean {
    return this.#pending.has(clientMsgId);
  }

  get(clientMsgId: string): PendingMessage | undefined {
    return this.#pending.get(clientMsgId);
  }

  all(): PendingMessage[] {
    return [...this.#pending.values()];
  }

  clear(): void {
    this.#pending.clear();
  }
}
