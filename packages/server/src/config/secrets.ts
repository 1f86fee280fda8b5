import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config.js';

/** Secrets the hub needs; each one is either configured or generated once and kept. */
export interface Secrets {
  sessionSecret: Uint8Array;
}

const SECRETS_FILE = 'secrets.json';
const MIN_SECRET_LENGTH = 32;

function readStored(file: string): { sessionSecret?: string } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    const { sessionSecret } = parsed as { sessionSecret?: unknown };
    if (sessionSecret !== undefined && typeof sessionSecret !== 'string') throw new Error('sessionSecret is not a string');
    return parsed as { sessionSecret?: string };
  } catch (error) {
    // Never regenerate over a damaged file: that would silently end every staff session.
    throw new ConfigError(`${file} is damaged (${(error as Error).message}): repair it, or delete it to generate new secrets`);
  }
}

/**
 * Returns the configured secrets, generating missing ones into `<dataDir>/secrets.json`
 * (mode 0600) so sessions survive restarts. Secret values are never logged.
 */
export function loadSecrets(dataDir: string, configured: { sessionSecret: string }): Secrets {
  if (configured.sessionSecret) {
    if (configured.sessionSecret.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(
        `security.sessionSecret (INTERACT_SESSION_SECRET) must be at least ${MIN_SECRET_LENGTH} characters`,
      );
    }
    return { sessionSecret: new TextEncoder().encode(configured.sessionSecret) };
  }
  const file = path.join(dataDir, SECRETS_FILE);
  const stored = readStored(file);
  if (stored?.sessionSecret) return { sessionSecret: Buffer.from(stored.sessionSecret, 'base64url') };

  const generated = { ...stored, sessionSecret: randomBytes(32).toString('base64url') };
  const text = JSON.stringify(generated, null, 2) + '\n';
  if (stored) {
    // The file exists without this secret: add it, and make sure only the operator can read it.
    writeFileSync(file, text, { mode: 0o600 });
    chmodSync(file, 0o600);
    return { sessionSecret: Buffer.from(generated.sessionSecret, 'base64url') };
  }
  mkdirSync(dataDir, { recursive: true });
  // Written whole to a private temporary file, then linked into place, which fails if the file
  // appeared meanwhile: when the hub and a CLI command start on a fresh data folder together,
  // both end up with the same secret and neither ever reads a half-written file.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadSecrets(dataDir, configured);
  } finally {
    unlinkSync(temporary);
  }
  return { sessionSecret: Buffer.from(generated.sessionSecret, 'base64url') };
}
