import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { openHub, strongPassword, tempDir } from './admin-helpers.js';

/**
 * The operator's command line, run as operators run it: `node bin/interact-hub.js` in a child
 * process, on a temporary data folder, with a clean environment (no INTERACT_* from the shell).
 * It runs the build in dist/, so the build must be there and current.
 */

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(PACKAGE, 'bin', 'interact-hub.js');

/** The most recently changed TypeScript source under a folder. */
function newestSource(dir: string): { file: string; mtimeMs: number } {
  let newest = { file: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { mtimeMs } = statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  }
  return newest;
}

/** Fails the suite with instructions when dist/ is missing or older than src/. */
function assertBuilt(): void {
  const build = 'build it first: `npx tsc -b packages/server/tsconfig.json` (pnpm test does this for you)';
  if (!existsSync(path.join(PACKAGE, 'dist', 'cli', 'main.js'))) {
    throw new Error(`packages/server/dist is missing, and the CLI runs from it: ${build}`);
  }
  // tsc -b stamps its build info on every build, also when no output had to change.
  const buildInfo = path.join(PACKAGE, 'tsconfig.tsbuildinfo');
  const builtAt = existsSync(buildInfo) ? statSync(buildInfo).mtimeMs : 0;
  const newest = newestSource(path.join(PACKAGE, 'src'));
  if (newest.mtimeMs > builtAt) {
    throw new Error(`packages/server/dist is older than ${path.relative(PACKAGE, newest.file)}: ${build}`);
  }
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A clean environment: only what node needs, plus the variables a test gives. */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', ...extra };
}

function startCli(args: string[], options: { cwd: string; env?: Record<string, string> }): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: environment(options.env), stdio: 'pipe' });
}

function finished(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A workspace per test: a data folder (not created yet) and a working directory for the process. */
function workspace() {
  const temp = tempDir('interact-cli-');
  onTestFinished(temp.remove);
  const dataDir = path.join(temp.dir, 'data');
  const cli = (args: string[], env: Record<string, string> = {}) =>
    finished(startCli([...args, '--data-dir', dataDir], { cwd: temp.dir, env }));
  return { dataDir, cwd: temp.dir, cli };
}

const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

const ACME = [
  'account',
  'create',
  '--name',
  'Acme Europe',
  '--slug',
  'acme-eu',
  '--plan',
  'pro',
  '--seats',
  '10',
  '--options',
  'sdk',
  '--timezone',
  'Europe/Brussels',
  '--languages',
  'en,fr,nl',
  '--admin-first-name',
  'Ada',
  '--admin-last-name',
  'Lovelace',
  '--admin-email',
  'ada@acme.example',
  '--admin-language',
  'en',
];

/** The same arguments with one flag's value replaced. */
function acmeWith(flag: string, value: string): string[] {
  const args = [...ACME];
  args[args.indexOf(flag) + 1] = value;
  return args;
}

beforeAll(() => assertBuilt());

describe('interact-hub --help', () => {
  it.each([
    [[], /Usage: interact-hub/],
    [['start'], /Usage: interact-hub start/],
    [['demo'], /Usage: interact-hub demo/],
    [['migrate'], /Usage: interact-hub migrate/],
    [['account'], /Usage: interact-hub account/],
    [['account', 'create'], /--admin-email/],
    [['account', 'list'], /Usage: interact-hub account list/],
    [['account', 'deactivate'], /Usage: interact-hub account deactivate.*<slug>/],
    [['account', 'activate'], /Usage: interact-hub account activate.*<slug>/],
  ])('interact-hub %j --help explains the command and touches no data', async (command, usage) => {
    const { cli, dataDir } = workspace();
    const run = await cli([...command, '--help']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(usage);
    if (command.length > 0 && command.join(' ') !== 'account') {
      // README: every command takes --data-dir and --config.
      expect(run.stdout).toContain('--data-dir');
      expect(run.stdout).toContain('--config');
    }
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('interact-hub migrate', () => {
  it('creates the database with its tables, and running it again is harmless', async () => {
    const { cli, dataDir } = workspace();
    const first = await cli(['migrate']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/interact\.db is up to date/);

    const db = new BetterSqlite3(path.join(dataDir, 'interact.db'), { readonly: true });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
    db.close();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['accounts', 'users', 'password_links']));

    const second = await cli(['migrate']);
    expect(second.code, second.stderr).toBe(0);
  });
});

describe('interact-hub account', () => {
  it('creates an account, prints a one-time set-password link and writes the same link to the outbox', async () => {
    const { cli, dataDir } = workspace();
    const run = await cli(ACME, { INTERACT_PUBLIC_URL: 'https://chat.example.com' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Created account "Acme Europe" (acme-eu, plan pro, 10 seats).');
    expect(run.stdout).toContain('Administrator: Ada Lovelace <ada@acme.example>');
    const link = run.stdout.match(/https:\/\/chat\.example\.com\/portal\/set-password#token=[\w-]+/)?.[0];
    expect(link, run.stdout).toBeDefined();

    // Without SMTP the mail is a file in <data>/outbox, for the operator's eyes only.
    const outbox = path.join(dataDir, 'outbox');
    const mails = readdirSync(outbox);
    expect(mails).toHaveLength(1);
    expect(statSync(path.join(outbox, mails[0]!)).mode & 0o077).toBe(0);
    const mail = readFileSync(path.join(outbox, mails[0]!), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(mail).toMatch(/^To: ada@acme\.example$/m);
    expect(mail).toContain(link);

    const list = await cli(['account', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/acme-eu.*Acme Europe.*pro.*1\/10.*sdk.*Europe\/Brussels.*yes/);
  });

  it('says so when there are no accounts yet', async () => {
    const { cli } = workspace();
    const list = await cli(['account', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/No accounts yet/);
  });

  it.each([
    ['a plan that does not exist', acmeWith('--plan', 'gold'), /--plan/],
    ['seats that are not a number', acmeWith('--seats', 'x'), /--seats.*"x"/],
    ['zero seats', acmeWith('--seats', '0'), /--seats: must be >= 1/],
    ['a time zone that does not exist', acmeWith('--timezone', 'Mars/Base'), /--timezone: "Mars\/Base" is not an IANA time zone/],
    ['a malformed e-mail address', acmeWith('--admin-email', 'ada-at-acme'), /--admin-email: .*email/],
    ['a language that is not a language tag', acmeWith('--languages', 'en,english'), /--languages: must be a language tag/],
    ['an option that does not exist', acmeWith('--options', 'sdk,telepathy'), /--options: must be one of sdk/],
    ['a malformed short name', acmeWith('--slug', 'Acme EU'), /--slug: must be lower-case/],
    ['a missing administrator e-mail', ACME.filter((a, i) => a !== '--admin-email' && ACME[i - 1] !== '--admin-email'), /--admin-email/],
  ])('refuses %s: exit code 1, a message naming the flag, no stack trace, nothing written', async (_what, args, message) => {
    const { cli, dataDir } = workspace();
    const run = await cli(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stdout).not.toMatch(STACK_TRACE);
    expect(existsSync(path.join(dataDir, 'interact.db'))).toBe(false);
  });

  it('refuses a second account with the same short name and suggests --slug', async () => {
    const { cli } = workspace();
    expect((await cli(ACME)).code).toBe(0);
    const again = await cli(acmeWith('--admin-email', 'other@acme.example'));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/"acme-eu" already exists.*--slug/);
    expect(again.stderr).not.toMatch(STACK_TRACE);
  });

  it('deactivation stops the account’s staff at once (open sessions and new sign-ins); activation lets them back', async () => {
    const { cli, dataDir } = workspace();
    const created = await cli(ACME);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.match(/#token=([\w-]+)/)![1]!;

    // The hub runs on the same data folder while the operator uses the command line.
    const running = await openHub({ dataDir });
    onTestFinished(running.close);
    const { hub } = running;
    const password = strongPassword();
    const set = await hub.inject({ method: 'POST', url: '/api/v1/auth/set-password', payload: { token, password } });
    expect(set.statusCode, set.body).toBe(200);
    const signIn = () =>
      hub.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'ada@acme.example', password, mode: 'token' } });
    const signedIn = await signIn();
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    const session = () =>
      hub.inject({ url: '/api/v1/auth/session', headers: { authorization: `Bearer ${signedIn.json<{ token: string }>().token}` } });

    const off = await cli(['account', 'deactivate', 'acme-eu']);
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toMatch(/acme-eu.*deactivated/);
    expect((await session()).statusCode).toBe(401);
    const refused = await signIn();
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'invalid_credentials' });
    expect((await cli(['account', 'list'])).stdout).toMatch(/acme-eu.*\bno\b/);

    const on = await cli(['account', 'activate', 'acme-eu']);
    expect(on.code, on.stderr).toBe(0);
    expect((await signIn()).statusCode).toBe(200);
  });

  it('creates nothing when the invitation cannot be mailed, so the same command works once mail does', async () => {
    // A mail server that refuses every recipient: the invitation fails after the account was written.
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (_address, _session, callback) => callback(new Error('mailbox unavailable')),
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', () => resolve()));
    onTestFinished(() => new Promise<void>((resolve) => refusing.close(() => resolve())));
    const { port } = refusing.server.address() as { port: number };

    const { cli } = workspace();
    const failed = await cli(ACME, { INTERACT_SMTP_URL: `smtp://127.0.0.1:${port}` });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/could not e-mail the administrator.*not created.*INTERACT_SMTP_URL/s);
    expect(failed.stderr).not.toMatch(STACK_TRACE);
    expect((await cli(['account', 'list'])).stdout).toMatch(/No accounts yet/);

    const retried = await cli(ACME);
    expect(retried.code, retried.stderr).toBe(0);
  });

  it('names an unknown account instead of failing silently', async () => {
    const { cli } = workspace();
    const run = await cli(['account', 'deactivate', 'nobody']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no account "nobody"/);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('interact-hub start', () => {
  it('listens on a free port with --port 0, answers /healthz, and exits 0 on SIGTERM', async () => {
    const { dataDir, cwd } = workspace();
    const child = startCli(['start', '--port', '0', '--data-dir', dataDir], { cwd });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const exit = finished(child);

    // The address is in pino's "Server listening at ..." line.
    const address = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`no listening address within 15 s:\n${seen}`)), 15_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const found = seen.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.on('close', () => reject(new Error(`the hub exited before listening:\n${seen}`)));
    });
    expect(address).not.toMatch(/:8080$/);

    const health = await fetch(`${address}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${address}/readyz`)).status).toBe(200);

    child.kill('SIGTERM');
    const run = await exit;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/"signal":"SIGTERM"/);
    expect(existsSync(path.join(dataDir, 'interact.db'))).toBe(true);
  });

  it('refuses a wrong setting before starting, naming it, without a stack trace', async () => {
    const { cli } = workspace();
    const badPort = await cli(['start', '--port', '70000']);
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toMatch(/port: must be <= 65535/);
    expect(badPort.stderr).not.toMatch(STACK_TRACE);

    const badLevel = await cli(['start', '--port', '0'], { INTERACT_LOG_LEVEL: 'loud' });
    expect(badLevel.code).toBe(1);
    expect(badLevel.stderr).toMatch(/logLevel \(INTERACT_LOG_LEVEL\)/);
    expect(badLevel.stderr).not.toMatch(STACK_TRACE);
  });
});
