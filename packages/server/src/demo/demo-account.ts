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

export const DEMO_CHANNEL_NAME = 'Website';

export interface DemoSignIn {
  portalUrl: string;
  siteUrl: string;
  email: string;
  password: string;
  channelKey: string;
}

/**
 * Makes sure the demo account exists, with an administrator whose password is generated once and
 * kept in the data folder (readable by the operator only), and a web chat channel that allows the
 * hub's own origin, where the static example is served.
 */
export async function ensureDemoAccount(hub: FastifyInstance): Promise<DemoSignIn> {
  const file = path.join(hub.config.dataDir, 'demo-sign-in.json');
  const email = DEMO_ACCOUNT.administrator.email;
  let account = await hub.accounts.findBySlug(DEMO_ACCOUNT.slug);
  let password: string;
  if (account && existsSync(file)) {
    password = (JSON.parse(readFileSync(file, 'utf8')) as { password: string }).password;
  } else {
    password = `demo-${randomBytes(9).toString('base64url')}`;
    if (!account) account = (await createAccount(hub, DEMO_ACCOUNT)).account;
    const [admin] = await hub.users.findForSignIn(email, account.id);
    if (!admin) throw new Error(`the demo account has no user ${email}: remove the data folder to start afresh`);
    await hub.users.setPassword(account.id, admin.id, await hashPassword(password, hub.config.security.scryptLogN));
    writeFileSync(file, JSON.stringify({ email, password }, null, 2) + '\n', { mode: 0o600 });
  }

  // The hub's own origin serves the static example; the Vite example's dev server runs on 5173.
  const origins = [new URL(hub.config.publicUrl).origin, 'http://localhost:5173', 'http://127.0.0.1:5173'];
  let channel = (await hub.channels.list(account.id)).find((c) => c.name === DEMO_CHANNEL_NAME);
  if (!channel) {
    channel = await hub.channels.create(account.id, {
      name: DEMO_CHANNEL_NAME,
      allowedOrigins: origins,
      awayMessage: 'Nobody is at the counter right now, but you can still write to us.',
      greeting: 'Hello! Questions about an order? Ask us here.',
      theme: { color: '#8a4b08', position: 'bottom-right' },
    });
  } else if (!origins.every((o) => channel!.allowedOrigins.includes(o))) {
    const allowedOrigins = [...new Set([...channel.allowedOrigins, ...origins])];
    channel = await hub.channels.update(account.id, channel.id, { allowedOrigins });
  }
  return {
    portalUrl: `${hub.config.publicUrl}/portal/`,
    siteUrl: `${hub.config.publicUrl}/demo/`,
    email,
    password,
    channelKey: channel.publicKey,
  };
}
