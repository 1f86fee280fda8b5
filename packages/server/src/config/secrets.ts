import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

/** Secrets the hub needs; each one is either configured or generated once and kept. */
export interface Secrets {
  sessionSecret: Uint8Array;
}

const SECRETS_FILE = 'secrets.json';

/**
 * Returns the configured secrets, generating missing ones into `<dataDir>/secrets.json`
 * (mode 0600) so sessions survive restarts. Secret values are never logged.
 */
export function loadSecrets(dataDir: string, configured: { sessionSecret: string }): Secrets {
  if (configured.sessionSecret) {
    if (configured.sessionSecret.length < 32) {
      throw new Error('security.sessionSecret (INTERACT_SESSION_SECRET) must be at least 32 characters');
    }
    return { sessionSecret: new TextEncoder().encode(configured.sessionSecret) };
  }
  const file = path.join(dataDir, SECRETS_FILE);
  let stored: { sessionSecret?: string } = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as typeof stored;
  if (!stored.sessionSecret) {
    stored.sessionSecret = randomBytes(32).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
  }
  return { sessionSecret: Buffer.from(stored.sessionSecret, 'base64url') };
}
