import { vi } from 'vitest';
import type { ChatMessage, ConversationSummary, StaffClientEvents } from '@interact/sdk';
import type { AckFrame, StaffWelcome } from '@interact/sdk/protocol';
import type { InboxClient } from '../src/inbox/inbox-client.js';

type Handler = (payload: never) => void;

/** Just enough of StaffClient for the inbox: events to emit, and spied requests that succeed. */
export class FakeStaffClient implements InboxClient {
  readonly handlers = new Map<keyof StaffClientEvents, Set<Handler>>();
  #seq = 100;

  constructor(public welcome: StaffWelcome = welcomeFrame([])) {}

  connect = vi.fn(async () => {
    this.emit('status', 'online');
    this.emit('welcome', this.welcome);
    return this.welcome;
  });
  disconnect = vi.fn();
  take = vi.fn(async (_conversationId: string) => {});
  close = vi.fn(async (_conversationId: string) => {});
  history = vi.fn(async (_conversationId: string, _afterSeq?: number) => {});
  send = vi.fn(async (conversationId: string, _text: string, clientMsgId = 'c1'): Promise<AckFrame> => {
    this.#seq += 1;
    return { type: 'ack', clientMsgId, id: `m${this.#seq}`, seq: this.#seq, conversationId, createdAt: new Date().toISOString() };
  });
  assign = vi.fn(async (_conversationId: string, _userId: string) => {});
  typing = vi.fn();
  markRead = vi.fn();

  on<K extends keyof StaffClientEvents>(event: K, handler: (payload: StaffClientEvents[K]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as Handler);
    return () => set.delete(handler as Handler);
  }

  emit<K extends keyof StaffClientEvents>(event: K, payload: StaffClientEvents[K]): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) (handler as (p: StaffClientEvents[K]) => void)(payload);
  }
}

export const ME = { id: 'u-me', firstName: 'Mia' };

export function welcomeFrame(conversations: ConversationSummary[], role = 'agent'): StaffWelcome {
  return { type: 'welcome', user: { id: ME.id, firstName: ME.firstName, lastName: 'Maes', role }, conversations };
}

let n = 0;
/** A conversation summary; queued unless said otherwise. */
export function summary(patch: Partial<ConversationSummary> & { visitorName?: string } = {}): ConversationSummary {
  n += 1;
  const { visitorName, ...rest } = patch;
  return {
    id: `c${n}`,
    channel: { id: 'ch1', name: 'Website' },
    state: 'queued',
    visitor: { id: `v${n}`, name: visitorName ?? `Visitor ${n}`, verified: false, online: true },
    assignee: null,
    lastMessage: { text: 'Hello?', author: { kind: 'visitor' }, createdAt: new Date().toISOString() },
    lastSeq: 1,
    visitorReadSeq: 0,
    createdAt: new Date(Date.now() - 120_000).toISOString(),
    queuedAt: new Date(Date.now() - 90_000).toISOString(),
    ...rest,
  };
}

export function mine(patch: Partial<ConversationSummary> & { visitorName?: string } = {}): ConversationSummary {
  return summary({ state: 'assigned', assignee: { id: ME.id, name: ME.firstName }, queuedAt: null, ...patch });
}

let seq = 0;
export function message(conversationId: string, kind: ChatMessage['author']['kind'], text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  seq += 1;
  return {
    id: `msg${seq}`,
    conversationId,
    seq,
    author: { kind, ...(kind === 'user' ? { id: 'u-other', name: 'Ola' } : {}) },
    text,
    createdAt: new Date().toISOString(),
    ...extra,
  };
}
