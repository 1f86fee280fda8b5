import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@interact/sdk/protocol';
import { todayIn } from '../src/visitors/visitor-profile-rules.js';
import { apiAs, errorOf } from './admin-helpers.js';
import { chatAccount, conversationUpdate, openStaff, say, startChatHub, type ChatAccount } from './chat-helpers.js';
import { staffMember, visitorWhoWrote } from './inbox-helpers.js';

/**
 * What the portal reads and writes about a visitor over HTTP: the profile (and the inboxes that
 * follow an edit), staff notes, earlier conversations and their messages. Each call is scoped to
 * the caller's account and open to those who work the inbox.
 */

interface VisitorView {
  id: string;
  channelId: string;
  channelName: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  birthDate: string | null;
  phone: string | null;
  mobile: string | null;
  verified: boolean;
  online: boolean;
  createdAt: string;
}

interface NoteView {
  id: string;
  text: string;
  author: { id: string; name: string };
  createdAt: string;
}

interface VisitorConversationView {
  id: string;
  state: string;
  createdAt: string;
  closedAt: string | null;
  assignee: { id: string; name: string } | null;
  messageCount: number;
  lastMessage: { text: string; author: { kind: string; name?: string }; createdAt: string } | null;
}

/** A date `days` from today (UTC), far enough from midnight in any time zone for these tests. */
function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function shopWithVisitor() {
  const hub = await startChatHub();
  const shop = await chatAccount(hub);
  const visitor = await visitorWhoWrote(hub, shop);
  return { hub, shop, visitor, admin: apiAs(hub, shop.adminToken) };
}

describe('GET /visitors/:id', () => {
  it('shows the profile with the channel and whether the visitor is online', async () => {
    const { hub, shop, visitor } = await shopWithVisitor();
    const agent = apiAs(hub, (await staffMember(hub, shop, 'agent')).token);

    const response = await agent.get(`/api/v1/visitors/${visitor.visitorId}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      id: visitor.visitorId,
      channelId: shop.channel.id,
      channelName: 'Shop',
      firstName: null,
      lastName: null,
      email: null,
      birthDate: null,
      phone: null,
      mobile: null,
      verified: false,
      online: true,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });

    await visitor.socket.close();
    await expect.poll(async () => (await agent.get(`/api/v1/visitors/${visitor.visitorId}`)).json<VisitorView>().online).toBe(false);
  });

  it('shows what the visitor told through identify', async () => {
    const { admin, visitor } = await shopWithVisitor();
    visitor.socket.send({ type: 'identify', profile: { firstName: 'Vera', email: 'vera@example.com' } });
    await visitor.socket.next('visitor');
    expect((await admin.get(`/api/v1/visitors/${visitor.visitorId}`)).json()).toMatchObject({
      firstName: 'Vera',
      lastName: null,
      email: 'vera@example.com',
    });
  });
});

describe('PATCH /visitors/:id', () => {
  it('changes the given fields only, and null or an empty string clears one', async () => {
    const { admin, visitor } = await shopWithVisitor();
    const url = `/api/v1/visitors/${visitor.visitorId}`;

    const first = await admin.patch(url, {
      firstName: '  Vera ',
      lastName: 'Visitor',
      email: 'vera@example.com',
      birthDate: '1985-04-23',
      phone: '+32 (0)2 123.45-67',
      mobile: '0470 12 34 56',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      id: visitor.visitorId,
      firstName: 'Vera',
      lastName: 'Visitor',
      email: 'vera@example.com',
      birthDate: '1985-04-23',
      phone: '+32 (0)2 123.45-67',
      mobile: '0470 12 34 56',
      channelName: 'Shop',
      online: true,
    });

    const second = await admin.patch(url, { lastName: null, phone: '', email: 'vera@shop.example' });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({
      firstName: 'Vera',
      lastName: null,
      email: 'vera@shop.example',
      birthDate: '1985-04-23',
      phone: null,
      mobile: '0470 12 34 56',
    });
    expect((await admin.get(url)).json()).toEqual(second.json());
  });

  it('accepts a birth date of today and of 1900-01-01', async () => {
    const { shop, admin, visitor } = await shopWithVisitor();
    const url = `/api/v1/visitors/${visitor.visitorId}`;
    for (const birthDate of ['1900-01-01', todayIn(shop.account.timezone), '2000-02-29']) {
      const response = await admin.patch(url, { birthDate });
      expect(response.statusCode, `${birthDate}: ${response.body}`).toBe(200);
      expect(response.json<VisitorView>().birthDate).toBe(birthDate);
    }
  });

  const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a first name over 100 characters', { firstName: 'x'.repeat(101) }, /^body\.firstName: .*100 characters/],
    ['a last name over 100 characters', { lastName: 'x'.repeat(101) }, /^body\.lastName: .*100 characters/],
    ['an e-mail address without a domain', { email: 'vera@' }, /^body\.email: must be an e-mail address/],
    ['an e-mail address with spaces', { email: 'vera at example.com' }, /^body\.email: must be an e-mail address/],
    ['a birth date in another format', { birthDate: '23/04/1985' }, /^body\.birthDate: must be a date written YYYY-MM-DD/],
    ['a birth date that is not in the calendar', { birthDate: '2023-02-29' }, /^body\.birthDate: 2023-02-29 is not a date in the calendar/],
    ['a birth date with month 13', { birthDate: '1985-13-01' }, /^body\.birthDate: 1985-13-01 is not a date in the calendar/],
    ['a birth date in the future', { birthDate: daysFromToday(2) }, /^body\.birthDate: cannot be in the future/],
    ['a birth date before 1900', { birthDate: '1899-12-31' }, /^body\.birthDate: cannot be before 1900-01-01/],
    ['a phone number with letters', { phone: '0470 12 34 AB' }, /^body\.phone: may contain only digits, spaces and \+ \( \) \. -/],
    ['a phone number with 5 digits', { phone: '12 345' }, /^body\.phone: must have 6 to 20 digits \(it has 5\)/],
    ['a mobile number with 21 digits', { mobile: '1'.repeat(21) }, /^body\.mobile: must have 6 to 20 digits \(it has 21\)/],
    ['a mobile number with a slash', { mobile: '0470/123456' }, /^body\.mobile: may contain only/],
    ['a list instead of a string', { phone: ['0470123456'] }, /^body\.phone: /],
    ['an unknown field', { nickname: 'V' }, /^body\.nickname: is not a known field/],
  ];
  for (const [what, body, message] of refusals) {
    it(`refuses ${what} with 400 naming the field, and changes nothing`, async () => {
      const { admin, visitor } = await shopWithVisitor();
      const url = `/api/v1/visitors/${visitor.visitorId}`;
      await admin.patch(url, { firstName: 'Before' });

      // A valid field alongside does not go through either.
      const response = await admin.patch(url, { firstName: 'After', ...body });
      const error = errorOf(response);
      expect(error, JSON.stringify(body)).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.message).toMatch(message);
      expect((await admin.get(url)).json<VisitorView>().firstName).toBe('Before');
    });
  }

  it('refuses an empty body with 400', async () => {
    const { admin, visitor } = await shopWithVisitor();
    const error = errorOf(await admin.patch(`/api/v1/visitors/${visitor.visitorId}`, {}));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: expect.stringMatching(/^body: /) });
  });

  it('gives the inboxes showing the visitor’s open conversation a fresh summary, and tells the visitor nothing', async () => {
    const { hub, shop, admin, visitor } = await shopWithVisitor();
    const ann = await staffMember(hub, shop, 'agent', { firstName: 'Ann' });
    const { socket: annSocket, welcome } = await openStaff(hub, ann.token);
    expect(welcome.conversations[0]?.visitor.name).toMatch(/^Visitor /);
    const { socket: supervisor } = await openStaff(hub, (await staffMember(hub, shop, 'supervisor')).token);
    await visitor.socket.sync();
    const visitorHad = visitor.socket.received.length;

    const response = await admin.patch(`/api/v1/visitors/${visitor.visitorId}`, { firstName: 'Vera', lastName: 'Visitor', email: 'vera@example.com' });
    expect(response.statusCode, response.body).toBe(200);

    for (const socket of [annSocket, supervisor]) {
      const update = await conversationUpdate(socket, visitor.conversationId);
      expect(update.conversation).toMatchObject({
        state: 'queued',
        visitor: { id: visitor.visitorId, name: 'Vera Visitor', email: 'vera@example.com', online: true },
      });
    }
    await visitor.socket.sync();
    expect(visitor.socket.received.slice(visitorHad)).toEqual([]);
  });

  it('tells only the staff who show the conversation', async () => {
    const { hub, shop, admin, visitor } = await shopWithVisitor();
    const ann = await staffMember(hub, shop, 'agent');
    const { socket: annSocket } = await openStaff(hub, ann.token);
    annSocket.send({ type: 'take', conversationId: visitor.conversationId, ref: 't' });
    await annSocket.waitFor((f) => f.type === 'done');
    const { socket: bob } = await openStaff(hub, (await staffMember(hub, shop, 'agent')).token);

    await admin.patch(`/api/v1/visitors/${visitor.visitorId}`, { firstName: 'Vera' });
    await annSocket.waitFor((f) => f.type === 'conversation' && f.conversation.visitor.name === 'Vera', 'the renamed visitor');
    await bob.sync();
    expect(bob.unread('conversation')).toEqual([]);
  });

  it('sends no inbox update for a visitor whose conversations are all closed', async () => {
    const { hub, shop, admin, visitor } = await shopWithVisitor();
    const { socket: supervisor } = await openStaff(hub, (await staffMember(hub, shop, 'supervisor')).token);
    supervisor.send({ type: 'close', conversationId: visitor.conversationId, ref: 'c' });
    await supervisor.waitFor((f) => f.type === 'done');
    await supervisor.next('conversation-removed');

    expect((await admin.patch(`/api/v1/visitors/${visitor.visitorId}`, { firstName: 'Vera' })).statusCode).toBe(200);
    await supervisor.sync();
    expect(supervisor.unread('conversation')).toEqual([]);
  });
});

describe('staff notes on a visitor', () => {
  it('adds notes signed by their author and lists them newest first', async () => {
    const { hub, shop, visitor } = await shopWithVisitor();
    const ann = await staffMember(hub, shop, 'agent', { firstName: 'Ann', lastName: 'Agent' });
    const sue = await staffMember(hub, shop, 'supervisor', { firstName: 'Sue', lastName: 'Super' });
    const url = `/api/v1/visitors/${visitor.visitorId}/notes`;

    expect((await apiAs(hub, ann.token).get(url)).json()).toEqual([]);
    const first = await apiAs(hub, ann.token).post(url, { text: '  Prefers e-mail.\nCall after 5 pm.  ' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({
      id: expect.any(String),
      text: 'Prefers e-mail.\nCall after 5 pm.',
      author: { id: ann.user.id, name: 'Ann Agent' },
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const second = (await apiAs(hub, sue.token).post(url, { text: 'VIP customer' })).json<NoteView>();
    const third = (await apiAs(hub, ann.token).post(url, { text: 'Asked about the invoice' })).json<NoteView>();

    const listed = (await apiAs(hub, shop.adminToken).get(url)).json<NoteView[]>();
    expect(listed.map((n) => n.id)).toEqual([third.id, second.id, first.json<NoteView>().id]);
    expect(listed.map((n) => n.author.name)).toEqual(['Ann Agent', 'Sue Super', 'Ann Agent']);
  });

  it('keeps the author’s name on notes after the user is deleted, and follows a rename before that', async () => {
    const { hub, shop, visitor } = await shopWithVisitor();
    const ann = await staffMember(hub, shop, 'agent', { firstName: 'Ann', lastName: 'Agent' });
    const url = `/api/v1/visitors/${visitor.visitorId}/notes`;
    await apiAs(hub, ann.token).post(url, { text: 'Note' });
    const admin = apiAs(hub, shop.adminToken);

    expect((await admin.patch(`/api/v1/users/${ann.user.id}`, { lastName: 'Married' })).statusCode).toBe(200);
    expect((await admin.get(url)).json<NoteView[]>()[0]?.author).toEqual({ id: ann.user.id, name: 'Ann Married' });
    expect((await admin.delete(`/api/v1/users/${ann.user.id}`)).statusCode).toBe(204);
    expect((await admin.get(url)).json<NoteView[]>()[0]?.author).toEqual({ id: ann.user.id, name: 'Ann Agent' });
  });

  it('refuses an empty, blank or too long note with 400 naming the text', async () => {
    const { admin, visitor } = await shopWithVisitor();
    const url = `/api/v1/visitors/${visitor.visitorId}/notes`;
    for (const body of [{ text: '' }, { text: ' \n\t ' }, { text: 'x'.repeat(2001) }, {}]) {
      const error = errorOf(await admin.post(url, body));
      expect(error, JSON.stringify(body).slice(0, 40)).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.message).toMatch(/^body\.text: /);
    }
    expect((await admin.post(url, { text: 'x'.repeat(2000) })).statusCode).toBe(201);
    expect((await admin.get(url)).json()).toHaveLength(1);
  });
});

describe('a visitor’s conversations and their messages', () => {
  async function closeAs(hub: Awaited<ReturnType<typeof startChatHub>>, token: string, conversationId: string) {
    const { socket } = await openStaff(hub, token);
    socket.send({ type: 'close', conversationId, ref: 'close' });
    await socket.waitFor((f) => f.type === 'done' && f.ref === 'close');
    await socket.close();
  }

  it('lists earlier conversations after a close, newest first, with assignee, size and last message', async () => {
    const { hub, shop, visitor } = await shopWithVisitor();
    const ann = await staffMember(hub, shop, 'agent', { firstName: 'Ann', lastName: 'Agent' });
    const { socket: annSocket } = await openStaff(hub, ann.token);
    await say(annSocket, 'Hello, Ann here', { conversationId: visitor.conversationId });
    await say(visitor.socket, 'Thanks, bye');
    await closeAs(hub, ann.token, visitor.conversationId);

    // Writing again starts a new conversation.
    const again = await say(visitor.socket, 'Me again');
    expect(again.conversationId).not.toBe(visitor.conversationId);

    const response = await apiAs(hub, ann.token).get(`/api/v1/visitors/${visitor.visitorId}/conversations`);
    expect(response.statusCode, response.body).toBe(200);
    const [latest, earlier] = response.json<VisitorConversationView[]>();
    expect(response.json()).toHaveLength(2);
    expect(latest).toEqual({
      id: again.conversationId,
      state: 'queued',
      createdAt: expect.any(String),
      closedAt: null,
      assignee: null,
      messageCount: 1,
      lastMessage: { text: 'Me again', author: { kind: 'visitor' }, createdAt: again.createdAt },
    });
    expect(earlier).toEqual({
      id: visitor.conversationId,
      state: 'closed',
      createdAt: expect.any(String),
      closedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      assignee: { id: ann.user.id, name: 'Ann Agent' },
      messageCount: 3,
      lastMessage: { text: 'Thanks, bye', author: { kind: 'visitor' }, createdAt: expect.any(String) },
    });
    expect(Date.parse(earlier!.closedAt!)).toBeGreaterThanOrEqual(Date.parse(earlier!.createdAt));
  });

  it('names a staff author of the last message', async () => {
    const { hub, shop, visitor } = await shopWithVisitor();
    const ann = await staffMember(hub, shop, 'agent', { firstName: 'Ann' });
    const { socket } = await openStaff(hub, ann.token);
    await say(socket, 'On my way', { conversationId: visitor.conversationId });
    const [only] = (await apiAs(hub, ann.token).get(`/api/v1/visitors/${visitor.visitorId}/conversations`)).json<VisitorConversationView[]>();
    expect(only?.lastMessage).toMatchObject({ text: 'On my way', author: { kind: 'user', name: 'Ann' } });
  });

  it('reads the messages of a closed conversation, in order, after a seq and up to a limit', async () => {
    const { hub, shop, visitor } = await shopWithVisitor();
    const ann = await staffMember(hub, shop, 'agent', { firstName: 'Ann' });
    const { socket: annSocket } = await openStaff(hub, ann.token);
    const reply = await say(annSocket, 'Hello, Ann here', { conversationId: visitor.conversationId });
    await say(visitor.socket, 'Thanks');
    await closeAs(hub, ann.token, visitor.conversationId);
    // Another agent, who never had the conversation, reads it back too.
    const bob = apiAs(hub, (await staffMember(hub, shop, 'agent')).token);
    const url = `/api/v1/conversations/${visitor.conversationId}/messages`;

    const all = await bob.get(url);
    expect(all.statusCode, all.body).toBe(200);
    const { messages } = all.json<{ messages: ChatMessage[] }>();
    expect(messages.map((m) => [m.seq, m.author.kind, m.text])).toEqual([
      [1, 'visitor', 'Hello, I need help'],
      [2, 'user', 'Hello, Ann here'],
      [3, 'visitor', 'Thanks'],
    ]);
    expect(messages[1]).toEqual({
      id: reply.id,
      conversationId: visitor.conversationId,
      seq: 2,
      author: { kind: 'user', id: ann.user.id, name: 'Ann' },
      text: 'Hello, Ann here',
      clientMsgId: expect.any(String),
      createdAt: reply.createdAt,
    });

    const page = (await bob.get(`${url}?afterSeq=1&limit=1`)).json<{ messages: ChatMessage[] }>();
    expect(page.messages.map((m) => m.seq)).toEqual([2]);
    expect((await bob.get(`${url}?afterSeq=3`)).json()).toEqual({ messages: [] });
  });

  it('refuses a limit out of range and unknown query parameters with 400', async () => {
    const { admin, visitor } = await shopWithVisitor();
    const url = `/api/v1/conversations/${visitor.conversationId}/messages`;
    for (const query of ['limit=0', 'limit=1001', 'afterSeq=-1', 'afterSeq=x', 'since=3']) {
      expect(errorOf(await admin.get(`${url}?${query}`)), query).toMatchObject({ status: 400, code: 'validation_failed' });
    }
  });
});

describe('who may use these endpoints', () => {
  function endpoints(visitorId: string, conversationId: string) {
    return [
      { method: 'get', url: `/api/v1/visitors/${visitorId}` },
      { method: 'patch', url: `/api/v1/visitors/${visitorId}`, body: { firstName: 'Hacked' } },
      { method: 'get', url: `/api/v1/visitors/${visitorId}/notes` },
      { method: 'post', url: `/api/v1/visitors/${visitorId}/notes`, body: { text: 'Hacked' } },
      { method: 'get', url: `/api/v1/visitors/${visitorId}/conversations` },
      { method: 'get', url: `/api/v1/conversations/${conversationId}/messages` },
    ] as const;
  }

  function call(api: ReturnType<typeof apiAs>, endpoint: ReturnType<typeof endpoints>[number]) {
    return endpoint.method === 'get' ? api.get(endpoint.url) : api[endpoint.method](endpoint.url, endpoint.body);
  }

  it('answers 404 to another account’s staff, exactly as for an unknown id, and changes nothing', async () => {
    const { hub, shop, visitor } = await shopWithVisitor();
    const other: ChatAccount = await chatAccount(hub);
    const outsider = apiAs(hub, other.adminToken);
    const admin = apiAs(hub, shop.adminToken);
    await admin.post(`/api/v1/visitors/${visitor.visitorId}/notes`, { text: 'Ours' });

    for (const endpoint of endpoints(visitor.visitorId, visitor.conversationId)) {
      const expected = endpoint.url.includes('/conversations/') ? 'conversation_not_found' : 'visitor_not_found';
      expect(errorOf(await call(outsider, endpoint)), `${endpoint.method} ${endpoint.url}`).toMatchObject({ status: 404, code: expected });
    }
    for (const endpoint of endpoints('no-such-visitor', 'no-such-conversation')) {
      const expected = endpoint.url.includes('/conversations/') ? 'conversation_not_found' : 'visitor_not_found';
      expect(errorOf(await call(admin, endpoint)), endpoint.url).toMatchObject({ status: 404, code: expected });
    }
    const profile = (await admin.get(`/api/v1/visitors/${visitor.visitorId}`)).json<VisitorView>();
    expect(profile.firstName).toBeNull();
    expect((await admin.get(`/api/v1/visitors/${visitor.visitorId}/notes`)).json<NoteView[]>().map((n) => n.text)).toEqual(['Ours']);
  });

  it('refuses an analyst with 403, and someone without a session with 401', async () => {
    const { hub, shop, visitor } = await shopWithVisitor();
    const analyst = apiAs(hub, (await staffMember(hub, shop, 'analyst')).token);
    for (const endpoint of endpoints(visitor.visitorId, visitor.conversationId)) {
      expect(errorOf(await call(analyst, endpoint)), endpoint.url).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await call(apiAs(hub), endpoint)).statusCode, endpoint.url).toBe(401);
    }
    expect((await apiAs(hub, shop.adminToken).get(`/api/v1/visitors/${visitor.visitorId}/notes`)).json()).toEqual([]);
  });

  it('lets agents, supervisors and administrators in', async () => {
    const { hub, shop, visitor } = await shopWithVisitor();
    for (const role of ['agent', 'supervisor', 'administrator'] as const) {
      const api = apiAs(hub, (await staffMember(hub, shop, role)).token);
      for (const endpoint of endpoints(visitor.visitorId, visitor.conversationId)) {
        const response = await call(api, endpoint);
        expect(response.statusCode, `${role} ${endpoint.method} ${endpoint.url}: ${response.body}`).toBeLessThan(300);
      }
    }
  });
});

describe('today in the account’s time zone', () => {
  it('is the local calendar date, not the UTC one', () => {
    const lateEvening = new Date('2024-03-01T23:30:00Z');
    expect(todayIn('UTC', lateEvening)).toBe('2024-03-01');
    expect(todayIn('Europe/Brussels', lateEvening)).toBe('2024-03-02');
    expect(todayIn('America/New_York', lateEvening)).toBe('2024-03-01');
  });
});
