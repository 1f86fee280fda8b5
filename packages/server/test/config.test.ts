import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ConfigError, loadConfig, type LoadConfigOptions } from '../src/config/config.js';
import { loadSecrets } from '../src/config/secrets.js';
import { openHub, tempDir } from './admin-helpers.js';
import { seedAccount, signIn } from './helper.js';

/**
 * The one place settings come from. Operators rely on three things: sensible defaults, a clear
 * order (file < environment < flags), and a refusal to start that names the wrong setting.
 */

function scratch(): string {
  const temp = tempDir('interact-config-');
  onTestFinished(temp.remove);
  return temp.dir;
}

function configFile(settings: unknown): string {
  const file = path.join(scratch(), 'interact.config.json');
  writeFileSync(file, typeof settings === 'string' ? settings : JSON.stringify(settings));
  return file;
}

/** The ConfigError loadConfig throws for these options (fails the test if it does not throw one). */
function refusal(options: LoadConfigOptions): ConfigError {
  try {
    loadConfig({ env: {}, ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(options)}`);
}

describe('configuration defaults', () => {
  it('runs with no settings at all, on loopback, port 8080, ./data and production-grade security', () => {
    const config = loadConfig({ env: {} });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      publicUrl: 'http://127.0.0.1:8080',
      dataDir: path.resolve('data'),
      trustProxy: false,
      logLevel: 'info',
      mail: { smtpUrl: '', from: '#Interact <no-reply@localhost>' },
      security: {
        sessionSecret: '',
        sessionTtlSeconds: 43_200,
        resetLinkTtlSeconds: 3_600,
        scryptLogN: 17,
        authRateLimitPerMinute: 30,
      },
      storage: { checkpointIntervalMs: 1_000 },
    });
  });

  it('derives the public URL from host and port, using localhost for a wildcard host, and drops a trailing slash', () => {
    expect(loadConfig({ env: { INTERACT_HOST: '0.0.0.0', INTERACT_PORT: '9000' } }).publicUrl).toBe('http://localhost:9000');
    expect(loadConfig({ env: { INTERACT_PUBLIC_URL: 'https://chat.example.com/' } }).publicUrl).toBe(
      'https://chat.example.com',
    );
  });
});

describe('where settings come from', () => {
  it('reads every INTERACT_* variable into its setting', () => {
    const config = loadConfig({
      env: {
        INTERACT_HOST: '0.0.0.0',
        INTERACT_PORT: '0',
        INTERACT_PUBLIC_URL: 'https://chat.example.com',
        INTERACT_DATA_DIR: '/var/lib/interact',
        INTERACT_TRUST_PROXY: '2',
        INTERACT_LOG_LEVEL: 'warn',
        INTERACT_SMTP_URL: 'smtp://user:pass@mail.example.com:587',
        INTERACT_MAIL_FROM: 'Chat <chat@example.com>',
        INTERACT_SESSION_SECRET: 'a'.repeat(40),
      },
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      publicUrl: 'https://chat.example.com',
      dataDir: '/var/lib/interact',
      trustProxy: 2,
      logLevel: 'warn',
      mail: { smtpUrl: 'smtp://user:pass@mail.example.com:587', from: 'Chat <chat@example.com>' },
      security: { sessionSecret: 'a'.repeat(40) },
    });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['3', 3],
    ['10.0.0.1,10.0.0.2', '10.0.0.1,10.0.0.2'],
  ])('reads INTERACT_TRUST_PROXY=%s as %j', (raw, expected) => {
    expect(loadConfig({ env: { INTERACT_TRUST_PROXY: raw } }).trustProxy).toEqual(expected);
  });

  it('ignores empty variables, as shells leave them when a value is unset', () => {
    expect(loadConfig({ env: { INTERACT_PORT: '', INTERACT_LOG_LEVEL: '' } })).toMatchObject({ port: 8080, logLevel: 'info' });
  });

  it('reads a JSON file, the environment wins over it, and explicit overrides win over both', () => {
    const file = configFile({
      port: 9001,
      logLevel: 'debug',
      mail: { from: 'File <file@example.com>' },
      security: { sessionTtlSeconds: 600 },
    });
    const fromFile = loadConfig({ env: {}, file });
    expect(fromFile).toMatchObject({ port: 9001, logLevel: 'debug', mail: { from: 'File <file@example.com>', smtpUrl: '' } });
    expect(fromFile.security).toMatchObject({ sessionTtlSeconds: 600, scryptLogN: 17 });

    const withEnv = loadConfig({ env: { INTERACT_PORT: '9002', INTERACT_MAIL_FROM: 'Env <env@example.com>' }, file });
    expect(withEnv).toMatchObject({ port: 9002, logLevel: 'debug', mail: { from: 'Env <env@example.com>' } });
    expect(withEnv.security.sessionTtlSeconds).toBe(600);

    const withOverride = loadConfig({ env: { INTERACT_PORT: '9002' }, file, overrides: { port: 9003 } });
    expect(withOverride.port).toBe(9003);
  });

  it('finds the file named by INTERACT_CONFIG', () => {
    const file = configFile({ logLevel: 'error' });
    expect(loadConfig({ env: { INTERACT_CONFIG: file } }).logLevel).toBe('error');
  });
});

describe('a wrong setting stops start-up with a ConfigError naming it', () => {
  it('names INTERACT_PORT when it is not a number', () => {
    expect(refusal({ env: { INTERACT_PORT: 'abc' } }).message).toMatch(/INTERACT_PORT.*whole number.*"abc"/);
    expect(refusal({ env: { INTERACT_PORT: '-1' } }).message).toMatch(/INTERACT_PORT/);
  });

  it('names the port, and the variable it came from, when it is out of range', () => {
    expect(refusal({ env: { INTERACT_PORT: '70000' } }).message).toMatch(/port \(INTERACT_PORT\): must be <= 65535/);
    expect(refusal({ file: configFile({ port: 70000 }) }).message).toMatch(/- port: must be <= 65535/);
    expect(refusal({ overrides: { port: 65536 } }).message).toMatch(/port/);
  });

  it('names an unknown key in the file, nested ones with their full path, and the file', () => {
    const file = configFile({ colour: 'red', mail: { smtp: 'smtp://x' } });
    const message = refusal({ file }).message;
    expect(message).toContain('colour: unknown setting');
    expect(message).toContain('mail.smtp: unknown setting');
    expect(message).toContain(file);
  });

  it('names a public URL that is not an http(s) address', () => {
    for (const publicUrl of ['chat.example.com', 'ftp://chat.example.com', 'https://chat example.com', 'http://']) {
      const message = refusal({ env: { INTERACT_PUBLIC_URL: publicUrl } }).message;
      expect(message, publicUrl).toMatch(/publicUrl \(INTERACT_PUBLIC_URL\): must be an http:\/\/ or https:\/\/ address/);
    }
  });

  it('names a log level it does not know, and lists those it does', () => {
    const message = refusal({ env: { INTERACT_LOG_LEVEL: 'loud' } }).message;
    expect(message).toMatch(/logLevel \(INTERACT_LOG_LEVEL\)/);
    expect(message).toMatch(/"info"/);
    expect(message).toMatch(/"silent"/);
  });

  it('names nested settings and reports every wrong one at once', () => {
    const message = refusal({
      file: configFile({ security: { scryptLogN: 5, sessionTtlSeconds: 10 }, storage: { checkpointIntervalMs: 1 } }),
    }).message;
    expect(message).toMatch(/security\.scryptLogN: must be >= 10/);
    expect(message).toMatch(/security\.sessionTtlSeconds: must be >= 60/);
    expect(message).toMatch(/storage\.checkpointIntervalMs: must be >= 10/);
  });

  it('says plainly when the trust-proxy setting has the wrong shape', () => {
    const message = refusal({ env: { INTERACT_TRUST_PROXY: '0' } }).message;
    expect(message).toMatch(/trustProxy \(INTERACT_TRUST_PROXY\)/);
    expect(message).not.toMatch(/anyOf/);
  });

  it('names a config file that is missing, is not JSON, or is not an object', () => {
    const missing = path.join(scratch(), 'nope.json');
    expect(refusal({ file: missing }).message).toContain(missing);
    const notJson = configFile('{ port: 8080 ');
    expect(refusal({ file: notJson }).message).toMatch(new RegExp(`${notJson.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*JSON`));
    expect(refusal({ file: configFile([1, 2]) }).message).toMatch(/not a JSON object/);
  });
});

describe('generated secrets', () => {
  it('generates the session secret once into <dataDir>/secrets.json, readable by the owner only', () => {
    const dataDir = path.join(scratch(), 'fresh', 'data');
    const first = loadSecrets(dataDir, { sessionSecret: '' });
    const file = path.join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.sessionSecret.byteLength).toBeGreaterThanOrEqual(32);
    const written = readFileSync(file, 'utf8');

    const second = loadSecrets(dataDir, { sessionSecret: '' });
    expect(Buffer.from(second.sessionSecret).equals(Buffer.from(first.sessionSecret))).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(written);
  });

  it('uses a configured secret as given and writes no file; refuses one shorter than 32 characters', () => {
    const dataDir = scratch();
    const secret = 's'.repeat(32);
    expect(Buffer.from(loadSecrets(dataDir, { sessionSecret: secret }).sessionSecret).toString()).toBe(secret);
    expect(() => statSync(path.join(dataDir, 'secrets.json'))).toThrow();

    expect(() => loadSecrets(dataDir, { sessionSecret: 'short' })).toThrow(ConfigError);
    expect(() => loadSecrets(dataDir, { sessionSecret: 'short' })).toThrow(/sessionSecret.*32/);
  });

  it('refuses a damaged secrets file, naming it, instead of replacing it (which would end every session)', () => {
    const dataDir = scratch();
    const file = path.join(dataDir, 'secrets.json');
    writeFileSync(file, '{"sessionSecret": ');
    expect(() => loadSecrets(dataDir, { sessionSecret: '' })).toThrow(ConfigError);
    expect(() => loadSecrets(dataDir, { sessionSecret: '' })).toThrow(file);
    expect(readFileSync(file, 'utf8')).toBe('{"sessionSecret": ');
  });

  it('completes a secrets file that lacks the secret, and tightens its permissions', () => {
    const dataDir = scratch();
    const file = path.join(dataDir, 'secrets.json');
    writeFileSync(file, '{}\n');
    chmodSync(file, 0o644);
    const secrets = loadSecrets(dataDir, { sessionSecret: '' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ sessionSecret: expect.any(String) });
    expect(Buffer.from(loadSecrets(dataDir, { sessionSecret: '' }).sessionSecret)).toEqual(Buffer.from(secrets.sessionSecret));
  });

  it('keeps staff signed in across a restart of the hub on the same data folder', async () => {
    const dataDir = scratch();
    const first = await openHub({ dataDir });
    const { admin, password } = await seedAccount(first.hub);
    const token = await signIn(first.hub, admin.email, password);
    await first.close();

    const second = await openHub({ dataDir });
    onTestFinished(second.close);
    const session = await second.hub.inject({ url: '/api/v1/auth/session', headers: { authorization: `Bearer ${token}` } });
    expect(session.statusCode, session.body).toBe(200);
  });
});
