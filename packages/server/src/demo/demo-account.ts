import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createAccount } from '../accounts/create-account.js';
import { hashPassword } from '../security/passwords.js';

export const DEMO_ACCOUNT = {
  name: 'Demo',
  slug: 'demo',
  plan: 'bot',
  seatCount: 5,
  options: ['sdk'],
  timezone: 'Europe/Brussels',
  languages: ['en', 'fr', 'nl'],
  administrator: { firstName: 'Ada', lastName: 'Admin', email: 'admin@demo.example', language: 'en' },
} as const;

export interface DemoSignIn {
  url: string;
  email: string;
  password: string;
}

/**
 * Makes sure the demo account exists, with an administrator whose password is generated once and
 * kept in the data folder (readable by the operator only), so every start can print the sign-in.
 */
export async function ensureDemoAccount(hub: FastifyInstance): Promise<DemoSignIn> {
  const file = path.join(hub.config.dataDir, 'demo-sign-in.json');
  const email = DEMO_ACCOUNT.administrator.email;
  const url = `${hub.config.publicUrl}/portal/`;
  if (existsSync(file) && (await hub.accounts.findBySlug(DEMO_ACCOUNT.slug))) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { password: string };
    return { url, email, password: saved.password };
  }
  const password = `demo-${randomBytes(9).toString('base64url')}`;
  let account = await hub.accounts.findBySlug(DEMO_ACCOUNT.slug);
  if (!account) account = (await createAccount(hub, DEMO_ACCOUNT)).account;
  const [admin] = await hub.users.findForSignIn(email, account.id);
  if (!admin) throw new Error(`the demo account has no user ${email}: remove the data folder to start afresh`);
  await hub.users.setPassword(account.id, admin.id, await hashPassword(password, hub.config.security.scryptLogN));
  writeFileSync(file, JSON.stringify({ email, password }, null, 2) + '\n', { mode: 0o600 });
  return { url, email, password };
}
