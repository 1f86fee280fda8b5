import { expect } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { ConfigInput } from '../src/config/config.js';
import { SESSION_TOKEN } from '../src/security/session-tokens.js';
import type { UserRow } from '../src/storage/schema.js';
import { bearer, buildTestHub, startSmtpServer } from './helper.js';

/** Shared pieces of the sign-in security suites. Everything runs against a real hub, SQLite and SMTP. */

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/** A hub whose mail goes to a real SMTP server on a free loopback port. */
export async function buildMailingHub(overrides: ConfigInput = {}): Promise<{ hub: FastifyInstance; smtp: SmtpServer }> {
  const smtp = await startSmtpServer();
  const hub = await buildTestHub({ ...overrides, mail: { ...overrides.mail, smtpUrl: smtp.url } });
  return { hub, smtp };
}

/** POST /auth/sign-in as an API client would; the response is returned as is, whatever its status. */
export function attemptSignIn(
  hub: FastifyInstance,
  email: string,
  password: string,
  extra: { account?: string; mode?: 'cookie' | 'token' } = {},
): Promise<LightMyRequestResponse> {
  return hub.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password, ...extra } });
}

/** Routes that need a session: any signed-in user's, and an administrator's permission-checked list. */
export const AUTHENTICATED_ROUTES = ['/api/v1/auth/session', '/api/v1/users'] as const;

/** Asserts that a session token is refused everywhere it could be presented: Bearer header and cookie. */
export async function expectRefusedAsSession(hub: FastifyInstance, token: string): Promise<void> {
  for (const url of AUTHENTICATED_ROUTES) {
    for (const headers of [bearer(token), { cookie: `interact_session=${token}` }]) {
      const response = await hub.inject({ method: 'GET', url, headers });
      expect(response.statusCode, `${url} with ${Object.keys(headers)[0]}`).toBe(401);
      expect(response.json()).toMatchObject({ code: 'unauthenticated' });
    }
  }
}

/** Asserts that a session token is accepted by GET /auth/session and stands for this user. */
export async function expectAcceptedAsSession(
  hub: FastifyInstance,
  headers: Record<string, string>,
  userId: string,
): Promise<void> {
  const response = await hub.inject({ method: 'GET', url: '/api/v1/auth/session', headers });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json()).toMatchObject({ user: { id: userId } });
}

export interface ForgeOptions {
  secret?: Uint8Array;
  alg?: string;
  typ?: string;
  issuer?: string;
  audience?: string;
  subject?: string;
  /** Seconds since the epoch. */
  issuedAt?: number;
  expiresAt?: number | null;
  version?: number;
}

/**
 * A session token built by hand, shaped exactly like the hub's own unless an option changes one
 * part. Used with no options it must be accepted, which proves each tampered variant fails
 * because of the one thing that was changed.
 */
export async function forgeSessionToken(hub: FastifyInstance, user: UserRow, options: ForgeOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ acc: user.accountId, ver: options.version ?? user.tokenVersion })
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: options.typ ?? SESSION_TOKEN.typ })
    .setSubject(options.subject ?? user.id)
    .setIssuer(options.issuer ?? SESSION_TOKEN.issuer)
    .setAudience(options.audience ?? SESSION_TOKEN.audience)
    .setIssuedAt(options.issuedAt ?? now)
    .setJti(randomUUID());
  if (options.expiresAt !== null) jwt.setExpirationTime(options.expiresAt ?? now + 3600);
  return jwt.sign(options.secret ?? hub.secrets.sessionSecret);
}

/** The parts of a compact JWT, decoded. */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } {
  const [header, payload, signature] = token.split('.');
  const json = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: json(header), payload: json(payload), signature: signature ?? '' };
}

export function encodeJwtPart(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The user row as stored, straight from SQLite (column names as in the database). */
export function storedUser(hub: FastifyInstance, id: string): { failed_sign_ins: number; token_version: number; active: number } {
  const row = hub.storage.sqlite
    .prepare('SELECT failed_sign_ins, token_version, active FROM users WHERE id = ?')
    .get(id) as { failed_sign_ins: number; token_version: number; active: number } | undefined;
  if (!row) throw new Error(`no user ${id} in the database`);
  return row;
}

export interface StoredLink {
  id: string;
  user_id: string;
  purpose: string;
  token_hash: string;
  expires_at: number;
  consumed_at: number | null;
  created_at: number;
}

/** Every set-password link stored for a user, oldest first. */
export function storedLinks(hub: FastifyInstance, userId: string): StoredLink[] {
  return hub.storage.sqlite
    .prepare('SELECT * FROM password_links WHERE user_id = ? ORDER BY created_at, rowid')
    .all(userId) as StoredLink[];
}

/** Asks for a reset link through "Forgot password" and returns the token of the mail that arrives. */
export async function mailedResetToken(hub: FastifyInstance, smtp: SmtpServer, email: string): Promise<string> {
  const before = smtp.mails.filter((m) => m.to.includes(email)).length;
  const response = await hub.inject({ method: 'POST', url: '/api/v1/auth/forgot-password', payload: { email } });
  expect(response.statusCode).toBe(202);
  const mail = await smtp.waitForMail(email, before + 1);
  if (!mail.token) throw new Error(`the mail to ${email} carries no set-password link:\n${mail.raw}`);
  return mail.token;
}

/** POST /auth/set-password with a link's token. */
export function setPasswordWithLink(hub: FastifyInstance, token: string, password: string): Promise<LightMyRequestResponse> {
  return hub.inject({ method: 'POST', url: '/api/v1/auth/set-password', payload: { token, password } });
}
