import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { onTestFinished } from 'vitest';
import app from '../src/app.js';
import type { Access } from '../src/auth/permissions.js';
import { loadConfig, type ConfigInput } from '../src/config/config.js';
import { buildHub } from '../src/server.js';
import { TEST_SCRYPT_LOG_N, bearer } from './helper.js';

/**
 * Helpers for the administration suites (tenancy, roles, users, config, CLI). The shared ones
 * live in helper.ts; these add what those suites need on top.
 */

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix = 'interact-admin-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The settings test hubs run with: a temp folder, quiet logs, fast scrypt. */
export function testConfigInput(dataDir: string, overrides: ConfigInput = {}): ConfigInput {
  return {
    dataDir,
    port: 0,
    logLevel: 'silent',
    publicUrl: 'http://hub.test',
    ...overrides,
    security: { scryptLogN: TEST_SCRYPT_LOG_N, ...overrides.security },
    storage: { checkpointIntervalMs: 50, ...overrides.storage },
  };
}

/**
 * Lets mail the hub sends in the background (invitations after POST /users) finish before the
 * hub closes. Without this, an invitation still on its way when a test ends writes its .eml
 * after the data folder was removed, and the outbox recreates the folder: temp folders leak.
 * The real mailer still sends; this only keeps count of sends in flight.
 */
function trackMail(hub: FastifyInstance): () => Promise<void> {
  const pending = new Set<Promise<void>>();
  const send = hub.mailer.send.bind(hub.mailer);
  hub.mailer.send = (mail) => {
    const sending = send(mail);
    pending.add(sending);
    sending.then(
      () => pending.delete(sending),
      () => pending.delete(sending),
    );
    return sending;
  };
  return async () => {
    // A background send starts a few ticks after the answer (the link is stored first): let
    // those ticks run, then wait, until a full turn of the event loop starts nothing new.
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (pending.size === 0) return;
      await Promise.allSettled([...pending]);
    }
  };
}

/**
 * A hub on a temporary folder for one test, like helper.ts's buildTestHub, that also waits for
 * background mail before it closes and removes the folder (see trackMail).
 */
export async function buildAdminHub(overrides: ConfigInput = {}): Promise<FastifyInstance> {
  const opened = await openHub(overrides);
  onTestFinished(opened.close);
  return opened.hub;
}

/**
 * A hub for a whole `describe` (built in beforeAll, where onTestFinished is not available), or
 * on a given data folder: the caller closes it, which also removes a folder it created.
 */
export async function openHub(
  overrides: ConfigInput & { dataDir?: string } = {},
): Promise<{ hub: FastifyInstance; dataDir: string; close(): Promise<void> }> {
  const temp = overrides.dataDir ? undefined : tempDir('interact-test-');
  const dataDir = overrides.dataDir ?? temp!.dir;
  const hub = await buildHub(loadConfig({ env: {}, overrides: testConfigInput(dataDir, overrides) }));
  await hub.ready();
  const mailSettled = trackMail(hub);
  return {
    hub,
    dataDir,
    async close() {
      await mailSettled();
      await hub.close();
      temp?.remove();
    },
  };
}

export interface CollectedRoute {
  method: string;
  url: string;
  access: Access | undefined;
  schema: { params?: JsonSchema; querystring?: JsonSchema; body?: JsonSchema } | undefined;
}

/**
 * Every route the hub registers, with its `config.access` and schema, collected by an onRoute hook
 * that is in place before the app registers anything. A route added later is collected too, so the
 * suites built on this list cover it without being edited.
 */
export async function collectRoutes(): Promise<CollectedRoute[]> {
  const temp = tempDir('interact-routes-');
  const routes: CollectedRoute[] = [];
  const fastify = Fastify({ logger: false });
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routes.push({
        method,
        url: route.url,
        access: (route.config as { access?: Access } | undefined)?.access,
        schema: route.schema as CollectedRoute['schema'],
      });
    }
  });
  try {
    await fastify.register(app, { config: loadConfig({ env: {}, overrides: testConfigInput(temp.dir) }) });
    await fastify.ready();
  } finally {
    await fastify.close();
    temp.remove();
  }
  return routes;
}

/** The subset of JSON Schema the hub's TypeBox schemas use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  description?: string;
}

/** Strings tried in turn for a string field; the first that fits its rules is used. */
const STRING_CANDIDATES = [
  'Sample',
  'en',
  'sample-value-0123456789abcdef',
  'https://www.example.com',
  'Europe/Brussels',
  '09:00',
  '2030-01-01',
  'x',
];

/** Examples a schema's description gives ("… such as https://www.example.com or …"). */
function examplesIn(description: string | undefined): string[] {
  const match = description?.match(/such as (.*)$/);
  if (!match) return [];
  return match[1]!.split(/,\s*|\s+or\s+/).map((word) => word.replace(/^["'`]|["'`.)]+$/g, ''));
}

function sampleString(schema: JsonSchema): string {
  if (schema.format === 'email') return `sample-${randomUUID().slice(0, 8)}@example.com`;
  if (schema.format === 'date-time') return new Date().toISOString();
  if (schema.format === 'uri') return 'https://example.com/';
  const fits = (s: string) =>
    s.length >= (schema.minLength ?? 0) &&
    s.length <= (schema.maxLength ?? Infinity) &&
    (schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(s));
  const found = [...examplesIn(schema.description), ...STRING_CANDIDATES].find(fits);
  if (found === undefined) throw new Error(`no sample string fits ${JSON.stringify(schema)}: add a candidate`);
  return found;
}

/**
 * A value that passes the schema, for requests whose point is not their content (who may call a
 * route). Only required properties are filled, plus optional ones up to `minProperties`, and
 * settings with a default (such as sign-out's `everywhere`) take it, so samples stay harmless.
 */
export function sampleOf(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return sampleOf(options[0]!);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      for (const key of required) out[key] = sampleOf(properties[key]!);
      for (const key of Object.keys(properties)) {
        if (Object.keys(out).length >= (schema.minProperties ?? 0)) break;
        if (!(key in out)) out[key] = sampleOf(properties[key]!);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items ?? {}));
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return null;
  }
}

/** A request to a collected route that passes its validation: path params, query and body from samples. */
export function sampleRequest(route: CollectedRoute): { method: string; url: string; payload?: unknown } {
  const params = (route.schema?.params ? sampleOf(route.schema.params) : {}) as Record<string, unknown>;
  const url = route.url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(params[name] ?? 'sample')));
  const query = route.schema?.querystring ? (sampleOf(route.schema.querystring) as Record<string, unknown>) : {};
  const search = queryString(query);
  return {
    method: route.method,
    url: search ? `${url}?${search}` : url,
    ...(route.schema?.body ? { payload: sampleOf(route.schema.body) } : {}),
  };
}

/** `a=1&b=x` from an object, for query strings. */
export function queryString(query: Record<string, unknown>): string {
  return new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
}

/** A short way to call the API as someone (or no one). */
export function apiAs(hub: FastifyInstance, token?: string) {
  const headers = token ? bearer(token) : {};
  return {
    get: (url: string) => hub.inject({ method: 'GET', url, headers }),
    post: (url: string, payload?: object) =>
      hub.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) }),
    patch: (url: string, payload: object) => hub.inject({ method: 'PATCH', url, headers, payload }),
    delete: (url: string) => hub.inject({ method: 'DELETE', url, headers }),
  };
}

export interface UserView {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  role: string;
  nativeLanguage: string;
  active: boolean;
  hasPassword: boolean;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserListView {
  items: UserView[];
  total: number;
  page: number;
  pageSize: number;
}

/** A valid body for POST /api/v1/users; each call gets its own e-mail address. */
export function newUserBody(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    firstName: 'Grace',
    lastName: 'Hopper',
    email: `grace-${randomUUID().slice(0, 8)}@example.com`,
    role: 'agent',
    nativeLanguage: 'en',
    ...fields,
  };
}

/** The `{code, message}` of an error answer, with the status, for one-line assertions. */
export function errorOf(response: LightMyRequestResponse): { status: number; code: string; message: string } {
  const body = response.json<{ code: string; message: string }>();
  return { status: response.statusCode, code: body.code, message: body.message };
}

/** A long random password that passes any strength rule, for set-password links. */
export function strongPassword(): string {
  return `Tr0ub4dor&3-${randomUUID()}`;
}
