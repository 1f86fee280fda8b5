import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, LIMITS, type ErrorFrame, type VisitorServerFrame } from '@interact/sdk/protocol';
import { bearer } from './helper.js';
import {
  SHOP,
  chatAccount,
  connect,
  newClientMsgId,
  openVisitor,
  refusedUpgrade,
  say,
  startChatHub,
  storedMessages,
  userHash,
  wsUrl,
  type VisitorSocket,
} from './chat-helpers.js';

/**
 * The visitor socket's outer defences (channel, Origin, sockets per address, frame size, frame
 * shapes, rates) and identity verification. Every refused frame gets a typed error and leaves the
 * socket usable, except an oversized one, which ends the socket.
 */

function errorWith(socket: VisitorSocket, code: ErrorFrame['code'], clientMsgId?: string): Promise<ErrorFrame> {
  return socket.waitFor<ErrorFrame>(
    (f) => f.type === 'error' && f.code === code && (clientMsgId === undefined || f.clientMsgId === clientMsgId),
    `error ${code}${clientMsgId ? ` for ${clientMsgId}` : ''}`,
  );
}

describe('opening a visitor socket', () => {
  /** Opens a socket that the hub should close at once; resolves with the close, having received nothing. */
  async function refusedAfterUpgrade(url: string, headers: Record<string, string> = {}) {
    const socket = await connect<VisitorServerFrame>(url, headers);
    const closed = await socket.closed();
    expect(socket.unread()).toEqual([]);
    return closed.code;
  }

  it('closes with 4003 right after the upgrade when the Origin is not allowed or missing, sending nothing', async () => {
    const hub = await startChatHub();
    const { channel } = await chatAccount(hub);
    const url = wsUrl(hub, `/ws/visitor?key=${channel.publicKey}`);

    expect(await refusedAfterUpgrade(url, { origin: 'https://evil.example' })).toBe(CLOSE_CODES.originRefused);
    // Same host, other scheme or port: origins are compared exactly.
    expect(await refusedAfterUpgrade(url, { origin: 'http://shop.example' })).toBe(CLOSE_CODES.originRefused);
    expect(await refusedAfterUpgrade(url, { origin: 'https://shop.example:8443' })).toBe(CLOSE_CODES.originRefused);
    expect(await refusedAfterUpgrade(url)).toBe(CLOSE_CODES.originRefused);

    const { socket, welcome } = await openVisitor(hub, channel.publicKey);
    expect(welcome.channel.name).toBe('Shop');
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  it('closes with 4004 for an unknown channel key and for a deactivated channel', async () => {
    const hub = await startChatHub();
    const { channel, adminToken } = await chatAccount(hub);

    expect(await refusedAfterUpgrade(wsUrl(hub, '/ws/visitor?key=wc_doesnotexist'), { origin: SHOP })).toBe(CLOSE_CODES.unknownChannel);

    const patched = await hub.inject({
      method: 'PATCH',
      url: `/api/v1/channels/${channel.id}`,
      headers: bearer(adminToken),
      payload: { active: false },
    });
    expect(patched.statusCode).toBe(200);
    expect(await refusedAfterUpgrade(wsUrl(hub, `/ws/visitor?key=${channel.publicKey}`), { origin: SHOP })).toBe(
      CLOSE_CODES.unknownChannel,
    );
  });

  it('applies a channel change to its open sockets: new settings, or closed when the site or channel is no longer allowed or deleted', async () => {
    const hub = await startChatHub();
    const { channel, adminToken } = await chatAccount(hub);
    const patch = async (payload: object) => {
      const response = await hub.inject({ method: 'PATCH', url: `/api/v1/channels/${channel.id}`, headers: bearer(adminToken), payload });
      expect(response.statusCode).toBe(200);
    };
    const { socket: first } = await openVisitor(hub, channel.publicKey);
    const { socket: second } = await openVisitor(hub, channel.publicKey);

    // A new away message reaches the open sockets (no staff is online).
    await patch({ awayMessage: 'Back on Monday.' });
    expect(await first.next('availability')).toEqual({ type: 'availability', availability: { status: 'away', awayMessage: 'Back on Monday.' } });
    // The socket goes on with the channel as it is now: it now requires a verified identity.
    await patch({ requireVerifiedIdentity: true });
    first.send({ type: 'identify', profile: { email: 'ann@example.com' } });
    expect((await first.next('error')).code).toBe('identity_not_verified');

    await patch({ allowedOrigins: ['https://other.example'] });
    expect((await first.closed()).code).toBe(CLOSE_CODES.originRefused);
    expect((await second.closed()).code).toBe(CLOSE_CODES.originRefused);

    await patch({ allowedOrigins: [SHOP] });
    const { socket: third } = await openVisitor(hub, channel.publicKey);
    await patch({ active: false });
    expect((await third.closed()).code).toBe(CLOSE_CODES.unknownChannel);

    await patch({ active: true });
    const { socket: fourth } = await openVisitor(hub, channel.publicKey);
    const deleted = await hub.inject({ method: 'DELETE', url: `/api/v1/channels/${channel.id}`, headers: bearer(adminToken) });
    expect(deleted.statusCode).toBe(204);
    expect((await fourth.closed()).code).toBe(CLOSE_CODES.unknownChannel);
  });

  it('gives an address back its socket allowance when an upgrade fails after the checks', async () => {
    const hub = await startChatHub({ realtime: { maxSocketsPerAddress: 2 } });
    const { channel } = await chatAccount(hub);
    const { port } = hub.server.address() as AddressInfo;

    // Passes the hub's checks (channel, Origin) but not the WebSocket handshake (no key, wrong version):
    // the socket never opens, so the allowance it took must be returned when the connection ends.
    for (let i = 0; i < 3; i++) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port,
          path: `/ws/visitor?key=${channel.publicKey}`,
          headers: { origin: SHOP, connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '12' },
        });
        req.on('upgrade', (_res, socket) => {
          socket.destroy();
          reject(new Error('upgraded'));
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(400);
    }
    await new Promise((r) => setTimeout(r, 50));

    const first = await openVisitor(hub, channel.publicKey);
    const second = await openVisitor(hub, channel.publicKey);
    expect((await refusedUpgrade(wsUrl(hub, `/ws/visitor?key=${channel.publicKey}`), { origin: SHOP })).status).toBe(429);

    // Closing one frees its place.
    await first.socket.close();
    await new Promise((r) => setTimeout(r, 50));
    await openVisitor(hub, channel.publicKey);
    expect(second.socket.closeInfo).toBeUndefined();
  });

  it('closes a socket that does not say hello in time', async () => {
    const hub = await startChatHub({ realtime: { helloTimeoutMs: 100 } });
    const { channel } = await chatAccount(hub);
    const socket = await connect(wsUrl(hub, `/ws/visitor?key=${channel.publicKey}`), { origin: SHOP });
    expect((await socket.closed()).code).toBe(CLOSE_CODES.helloTimeout);
  });
});

describe('frames a visitor socket refuses', () => {
  it('closes the socket with 1009 on a frame larger than LIMITS.frameBytes', async () => {
    const hub = await startChatHub();
    const { channel } = await chatAccount(hub);
    const { socket } = await openVisitor(hub, channel.publicKey);

    socket.send({ type: 'send', clientMsgId: 'big', text: 'x'.repeat(LIMITS.frameBytes) });
    expect((await socket.closed()).code).toBe(CLOSE_CODES.tooLarge);
    expect(storedMessages(hub)).toEqual([]);
  });

  it('answers junk with bad_frame and stays usable', async () => {
    const hub = await startChatHub();
    const { channel } = await chatAccount(hub);
    const { socket } = await openVisitor(hub, channel.publicKey);

    const junk: Array<string | Buffer> = [
      'not json',
      '{"type":"nope"}',
      'null',
      '[]',
      Buffer.from([0x7b, 0x7d, 0x00, 0xff]),
      JSON.stringify({ type: 'send', text: 'no client message id' }),
      JSON.stringify({ type: 'send', clientMsgId: 'has spaces', text: 'id not in the allowed alphabet' }),
      JSON.stringify({ type: 'send', clientMsgId: 'x'.repeat(LIMITS.clientMsgIdLength + 1), text: 'id too long' }),
      JSON.stringify({ type: 'send', clientMsgId: 'blank', text: '   ' }),
      JSON.stringify({ type: 'hello', visitorToken: 'abc', admin: true }),
      JSON.stringify({ type: 'read', seq: -1 }),
      JSON.stringify({ type: 'typing', typing: 'yes' }),
    ];
    for (const frame of junk) socket.send(frame);
    for (let i = 0; i < junk.length; i++) await errorWith(socket, 'bad_frame');
    // The hello above was refused for its extra field, not taken as a second hello.
    await socket.sync();
    expect(socket.unread()).toEqual([]);

    const ack = await say(socket, 'still here?');
    expect(ack.seq).toBe(1);
    expect(storedMessages(hub).map((m) => m.text)).toEqual(['still here?']);
  });

  it('refuses a second hello on the same socket', async () => {
    const hub = await startChatHub();
    const { channel } = await chatAccount(hub);
    const { socket } = await openVisitor(hub, channel.publicKey);
    socket.send({ type: 'hello' });
    await errorWith(socket, 'bad_frame');
    await socket.sync();
    expect(socket.unread('welcome')).toEqual([]);
  });

  it('refuses a text over LIMITS.messageLength characters with message_too_long and its clientMsgId, storing nothing', async () => {
    const hub = await startChatHub();
    const { channel } = await chatAccount(hub);
    const { socket } = await openVisitor(hub, channel.publicKey);

    // Just over the limit, and far over it (but still within one frame).
    for (const length of [LIMITS.messageLength + 1, LIMITS.frameBytes - 100]) {
      const clientMsgId = newClientMsgId();
      socket.send({ type: 'send', clientMsgId, text: 'a'.repeat(length) });
      const error = await errorWith(socket, 'message_too_long', clientMsgId);
      expect(error.clientMsgId).toBe(clientMsgId);
    }
    // Characters, not UTF-16 units: 4000 emoji are allowed, 4001 are not.
    const tooMany = newClientMsgId();
    socket.send({ type: 'send', clientMsgId: tooMany, text: '😀'.repeat(LIMITS.messageLength + 1) });
    await errorWith(socket, 'message_too_long', tooMany);
    await socket.sync();
    expect(socket.unread('ack')).toEqual([]);
    expect(storedMessages(hub)).toEqual([]);

    await say(socket, '😀'.repeat(LIMITS.messageLength));
    expect(storedMessages(hub)).toHaveLength(1);
  });

  it('answers frames sent before hello with hello_required', async () => {
    const hub = await startChatHub();
    const { channel } = await chatAccount(hub);
    const socket = await connect<VisitorServerFrame>(
      wsUrl(hub, `/ws/visitor?key=${channel.publicKey}`),
      { origin: SHOP },
    );

    const clientMsgId = newClientMsgId();
    socket.send({ type: 'send', clientMsgId, text: 'too early' });
    socket.send({ type: 'typing', typing: true });
    await errorWith(socket, 'hello_required');
    await errorWith(socket, 'hello_required');
    expect(storedMessages(hub)).toEqual([]);

    socket.send({ type: 'hello' });
    await socket.next('welcome');
    expect((await say(socket, 'now it works')).seq).toBe(1);
  });

  it('answers a flood of sends with rate_limited for each one it drops, and keeps working', async () => {
    const hub = await startChatHub();
    const { channel } = await chatAccount(hub);
    const { socket } = await openVisitor(hub, channel.publicKey);

    const ids = Array.from({ length: 80 }, () => newClientMsgId());
    for (const [i, clientMsgId] of ids.entries()) socket.send({ type: 'send', clientMsgId, text: `flood ${i}` });

    // Every send is answered, either way, and the answer names it: the client knows what to resend.
    const outcome = new Map<string, string>();
    await socket.waitFor(
      () => {
        for (const f of socket.received) {
          if (f.type === 'ack') outcome.set(f.clientMsgId, 'ack');
          if (f.type === 'error' && f.clientMsgId) outcome.set(f.clientMsgId, f.code);
        }
        return ids.every((id) => outcome.has(id));
      },
      'an answer to every send',
    );
    const answers = ids.map((id) => outcome.get(id));
    expect(answers.filter((a) => a === 'rate_limited').length).toBeGreaterThan(0);
    expect(answers.filter((a) => a === 'ack').length).toBeGreaterThan(0);
    expect(answers.every((a) => a === 'ack' || a === 'rate_limited')).toBe(true);

    const acked = ids.filter((id) => outcome.get(id) === 'ack');
    expect(storedMessages(hub).map((m) => m.client_msg_id).sort()).toEqual([...acked].sort());
    expect(socket.closeInfo).toBeUndefined();

    // After a pause the visitor may write again.
    await new Promise((r) => setTimeout(r, 500));
    const ack = await say(socket, 'calm again');
    expect(ack.seq).toBe(acked.length + 1);
  });
});

describe('visitor identity', () => {
  it('marks a visitor verified when the userHash matches, and refuses a wrong one', async () => {
    const hub = await startChatHub();
    const { channel } = await chatAccount(hub);

    const { socket: wrong } = await openVisitor(hub, channel.publicKey);
    wrong.send({ type: 'identify', profile: { userId: 'u-42' }, userHash: userHash(channel.identitySecret, 'u-41') });
    await errorWith(wrong, 'identity_not_verified');
    await wrong.sync();
    expect(wrong.unread('visitor')).toEqual([]);
    expect(hub.storage.sqlite.prepare('SELECT count(*) AS n FROM visitors').get()).toEqual({ n: 0 });

    const { socket } = await openVisitor(hub, channel.publicKey);
    socket.send({
      type: 'identify',
      profile: { userId: 'u-42', firstName: 'Grace', email: 'grace@shop.example' },
      userHash: userHash(channel.identitySecret, 'u-42'),
    });
    const session = await socket.next('visitor');
    expect(session.visitor).toMatchObject({ verified: true, profile: { firstName: 'Grace', email: 'grace@shop.example' } });
    // The visitor did not exist before: the hub hands out the token to come back as them.
    expect(session.visitorToken).toEqual(expect.any(String));

    const { welcome } = await openVisitor(hub, channel.publicKey, { visitorToken: session.visitorToken! });
    expect(welcome.visitor).toMatchObject({ id: session.visitor.id, verified: true });
  });

  it('verifies against the e-mail address when there is no userId', async () => {
    const hub = await startChatHub();
    const { channel } = await chatAccount(hub);
    const { socket } = await openVisitor(hub, channel.publicKey);
    socket.send({
      type: 'identify',
      profile: { email: 'ada@shop.example' },
      userHash: userHash(channel.identitySecret, 'ada@shop.example'),
    });
    expect((await socket.next('visitor')).visitor.verified).toBe(true);
  });

  it('on a channel that requires verified identities, refuses identify without a valid hash', async () => {
    const hub = await startChatHub();
    const { channel } = await chatAccount(hub, { requireVerifiedIdentity: true });
    expect(channel.requireVerifiedIdentity).toBe(true);
    const { socket } = await openVisitor(hub, channel.publicKey);

    socket.send({ type: 'identify', profile: { userId: 'u-7', firstName: 'Mallory' } });
    await errorWith(socket, 'identity_not_verified');
    socket.send({ type: 'identify', profile: { userId: 'u-7' }, userHash: 'ab'.repeat(32) });
    await errorWith(socket, 'identity_not_verified');
    await socket.sync();
    expect(socket.unread('visitor')).toEqual([]);

    socket.send({ type: 'identify', profile: { userId: 'u-7' }, userHash: userHash(channel.identitySecret, 'u-7') });
    expect((await socket.next('visitor')).visitor.verified).toBe(true);
  });

  it('without a hash on an open channel, accepts the profile but leaves the visitor unverified', async () => {
    const hub = await startChatHub();
    const { channel } = await chatAccount(hub);
    const { socket } = await openVisitor(hub, channel.publicKey);
    socket.send({ type: 'identify', profile: { firstName: 'Ann' } });
    expect((await socket.next('visitor')).visitor).toMatchObject({ verified: false, profile: { firstName: 'Ann' } });
  });
});
