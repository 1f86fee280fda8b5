import type { FastifyInstance } from 'fastify';
import { ensureDemoAccount, type DemoSignIn } from '@interact/server';

/** The demo account, channel and administrator, as `pnpm start` creates them. */
export async function demoAccount(hub: FastifyInstance): Promise<DemoSignIn> {
  return ensureDemoAccount(hub);
}

/** Signs in through the API and returns a session token for the staff socket. */
export async function staffToken(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, mode: 'token' }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
