import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { onTestFinished } from 'vitest';
import { createAccount } from '../src/accounts/create-account.js';
import { loadConfig, type ConfigInput } from '../src/config/config.js';
import { hashPassword } from '../src/security/passwords.js';
import { buildHub, type HubOptions } from '../src/server.js';
import { startSmtpServer as startSmtpCapture, type RunningSmtpServer } from './smtp-capture.js';
import type { AccountRow, Role, UserRow } from '../src/storage/schema.js';

/** scrypt at N=2^12 keeps tests fast; the production default (2^17) is asserted in its own test. */
export const TEST_SCRYPT_LOG_N = 12;

/** A fresh hub on a temporary data folder, closed and removed when the test ends. */
export async function buildTestHub(overrides: ConfigInput = {}, options: HubOptions = {}): Promise<FastifyInstance> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'interact-test-'));
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir,
      port: 0,
      logLevel: 'silent',
      publicUrl: 'http://hub.test',
      ...overrides,
      security: { scryptLogN: TEST_SCRYPT_LOG_N, ...overrides.security },
      storage: { checkpointIntervalMs: 50, ...overrides.storage },
    },
  });
  const hub = await buildHub(config, options);
  await hub.ready();
  onTestFinished(async () => {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return hub;
}

export interface SeededAccount {
  account: AccountRow;
  admin: UserRow;
  password: string;
}

let counter = 0;

/** Creates an account with an administrator who already has a password. */
export async function seedAccount(
  hub: FastifyInstance,
  options: { name?: string; seatCount?: number; plan?: 'hub' | 'pro' | 'bot' } = {},
): Promise<SeededAccount> {
  counter += 1;
  const name = options.name ?? `Account ${counter}`;
  const { account, administrator } = await createAccount(hub, {
    name,
    plan: options.plan ?? 'pro',
    seatCount: options.seatCount ?? 10,
    options: ['sdk'],
    timezone: 'Europe/Brussels',
    administrator: { firstName: 'Ada', lastName: 'Admin', email: `admin${counter}@example.com`, language: 'en' },
  });
  const password = 'correct horse battery staple';
  const admin = (await hub.users.setPassword(
    account.id,
    administrator.id,
    await hashPassword(password, TEST_SCRYPT_LOG_N),
  ))!;
  return { account, admin, password };
}

/** Adds a staff user with a password to an account. */
export async function seedUser(
  hub: FastifyInstance,
  accountId: string,
  fields: { role: Role; email?: string; firstName?: string; lastName?: string; nativeLanguage?: string },
): Promise<{ user: UserRow; password: string }> {
  counter += 1;
  const created = await hub.users.create(accountId, {
    firstName: fields.firstName ?? 'Sam',
    lastName: fields.lastName ?? `User${counter}`,
    email: fields.email ?? `user${counter}@example.com`,
    role: fields.role,
    nativeLanguage: fields.nativeLanguage ?? 'en',
  });
  const password = `password-of-user-${counter}`;
  const user = (await hub.users.setPassword(accountId, created.id, await hashPassword(password, TEST_SCRYPT_LOG_N)))!;
  return { user, password };
}

/** Signs in through the API and returns the session token for `Authorization: Bearer`. */
export async function signIn(hub: FastifyInstance, email: string, password: string, account?: string): Promise<string> {
  const response = await hub.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password, mode: 'token', ...(account ? { account } : {}) },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  return response.json<{ token: string }>().token;
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** The session cookie a response set, as a request header value. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'interact_session');
  if (!cookie) throw new Error('no session cookie set');
  return `interact_session=${cookie.value}`;
}

export type { ReceivedMail } from './smtp-capture.js';

/** A real SMTP server on a free loopback port, collecting what the hub sends; closed when the test ends. */
export async function startSmtpServer(): Promise<RunningSmtpServer> {
  const server = await startSmtpCapture();
  onTestFinished(() => server.close());
  return server;
}
