import { vi } from 'vitest';
import type { ClientError, VisitorClientEvents, VisitorState } from '@interact/sdk';
import type { ChatClient } from '../src/chat-client.js';

type Handler = (payload: never) => void;

/** Just enough of VisitorClient for the widget: a state to show, events, and spied methods. */
export class FakeClient implements ChatClient {
  state: VisitorState = {
    connection: 'online',
    channel: { name: 'Acme support', greeting: 'Hello from Acme', color: '#ff6600', position: 'bottom-right' },
    availability: { status: 'online' },
    visitor: null,
    conversation: null,
    messages: [],
    unread: 0,
    typing: null,
  };
  readonly handlers = new Map<keyof VisitorClientEvents, Set<Handler>>();

  send = vi.fn((text: string) => {
    const pending = { clientMsgId: `c${this.state.messages.length + 1}`, text, createdAt: new Date(0).toISOString() };
    this.update({ messages: [...this.state.messages, { ...pending, status: 'sending', author: { kind: 'visitor' } }] });
    return { ...pending, attempts: 0 } as never;
  });
  typing = vi.fn();
  markRead = vi.fn(() => {
    if (this.state.unread) this.update({ unread: 0 });
  });
  identify = vi.fn();
  persist = vi.fn();

  on<K extends keyof VisitorClientEvents>(event: K, handler: (payload: VisitorClientEvents[K]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as Handler);
    return () => set.delete(handler as Handler);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }

  update(patch: Partial<VisitorState>): void {
    this.state = { ...this.state, ...patch };
    this.emit('state', this.state);
  }

  fail(error: ClientError): void {
    this.emit('error', error);
  }

  private emit<K extends keyof VisitorClientEvents>(event: K, payload: VisitorClientEvents[K]): void {
    for (const handler of this.handlers.get(event) ?? []) (handler as (p: VisitorClientEvents[K]) => void)(payload);
  }
}

let seq = 0;
/** A stored message from someone on the business's side (or the visitor). */
export function stored(kind: 'visitor' | 'user' | 'bot' | 'system', text: string, name?: string) {
  seq += 1;
  return {
    status: 'sent' as const,
    id: `m${seq}`,
    conversationId: 'conv1',
    seq,
    author: { kind, ...(name ? { name } : {}) },
    text,
    createdAt: new Date(0).toISOString(),
  };
}
