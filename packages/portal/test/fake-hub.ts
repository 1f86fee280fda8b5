import { vi } from 'vitest';

export interface Call {
  method: string;
  /** Path and query under /api/v1, e.g. `/users?sort=email`. */
  url: string;
  body: unknown;
}

type Reply = { status: number; body?: unknown } | ((call: Call) => { status: number; body?: unknown });

/**
 * A tiny stand-in for the hub's HTTP API: answers `fetch` from a table of (method, path) replies
 * and records every call. Paths match without the query string unless the route has one.
 */
export class FakeHub {
  readonly calls: Call[] = [];
  readonly #routes: Array<{ method: string; path: string; reply: Reply }> = [];

  on(method: string, path: string, reply: Reply): this {
    this.#routes.unshift({ method, path, reply });
    return this;
  }

  /** The calls made to one path (without query), in order. */
  callsTo(method: string, path: string): Call[] {
    return this.calls.filter((c) => c.method === method && c.url.split('?')[0] === path);
  }

  readonly fetch = vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(raw, 'http://hub.test');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const call: Call = {
      method: (init.method ?? 'GET').toUpperCase(),
      url: path + url.search,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.calls.push(call);
    const route = this.#routes.find((r) => r.method === call.method && (r.path === call.url || r.path === path));
    const reply = route ? (typeof route.reply === 'function' ? route.reply(call) : route.reply) : { status: 404, body: { code: 'not_found', message: `No route for ${call.method} ${path}.` } };
    if (reply.status === 204 || reply.body === undefined) return new Response(null, { status: reply.status });
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  });
}

/** A FakeHub installed as the global `fetch` (restored by `vi.unstubAllGlobals`). */
export function fakeHub(): FakeHub {
  const hub = new FakeHub();
  vi.stubGlobal('fetch', hub.fetch);
  return hub;
}
