import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/**
 * Every setting the hub reads, in one schema. Values come from (lowest to highest precedence)
 * the defaults below, an optional JSON file and `INTERACT_*` environment variables.
 */
export const ConfigSchema = Type.Object({
  /** Interface to listen on. @default '127.0.0.1' */
  host: Type.String({ minLength: 1, default: '127.0.0.1' }),
  /** TCP port; 0 picks a free one. @default 8080 */
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  /** The address visitors and staff use to reach the hub; links in e-mails point here. */
  publicUrl: Type.Optional(Type.String({ pattern: '^https?://[^\\s/]+(/[^\\s]*)?$' })),
  /** Folder for the database, generated secrets and the mail outbox. @default './data' */
  dataDir: Type.String({ minLength: 1, default: './data' }),
  /** Trust X-Forwarded-* from this proxy (false, true, a hop count or an address list). @default false */
  trustProxy: Type.Union([Type.Boolean(), Type.Integer({ minimum: 1 }), Type.String({ minLength: 1 })], {
    default: false,
  }),
  /** Log level for pino. @default 'info' */
  logLevel: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  mail: Type.Object(
    {
      /** SMTP URL such as smtp://user:pass@mail.example.com:587; empty writes mail to the outbox folder. */
      smtpUrl: Type.String({ default: '' }),
      /** Sender address of the hub's mail. @default '#Interact <no-reply@localhost>' */
      from: Type.String({ minLength: 3, default: '#Interact <no-reply@localhost>' }),
    },
    { default: {}, additionalProperties: false },
  ),
  security: Type.Object(
    {
      /** Signs staff session tokens; generated once into the data folder when not given. */
      sessionSecret: Type.String({ default: '' }),
      /** Staff session lifetime in seconds. @default 43200 (12 hours) */
      sessionTtlSeconds: Type.Integer({ minimum: 60, default: 43_200 }),
      /** Lifetime of a set-password link in seconds. @default 3600 (invitations: 7 days) */
      resetLinkTtlSeconds: Type.Integer({ minimum: 60, default: 3_600 }),
      /** log2 of scrypt's cost N; OWASP asks for 17. Lower only for tests. @default 17 */
      scryptLogN: Type.Integer({ minimum: 10, maximum: 20, default: 17 }),
      /** Sign-in and reset requests allowed per client address and minute. @default 30 */
      authRateLimitPerMinute: Type.Integer({ minimum: 1, default: 30 }),
    },
    { default: {}, additionalProperties: false },
  ),
  realtime: Type.Object(
    {
      /** Open sockets (visitor and staff) allowed from one client address. @default 50 */
      maxSocketsPerAddress: Type.Integer({ minimum: 1, default: 50 }),
      /** Milliseconds a new socket has to send its hello frame. @default 10000 */
      helloTimeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
      /** Milliseconds between checks that open staff sockets' sessions are still valid. @default 5000 */
      sessionRecheckMs: Type.Integer({ minimum: 100, default: 5_000 }),
    },
    { default: {}, additionalProperties: false },
  ),
  storage: Type.Object(
    {
      /** Milliseconds between WAL checkpoints (run from a timer, never inside a request). @default 1000 */
      checkpointIntervalMs: Type.Integer({ minimum: 10, default: 1_000 }),
      /**
       * Bytes the WAL may hold before the hub makes it start over. Under steady writes a checkpoint
       * rarely finds a moment without a newer commit, and the file would grow for as long as the
       * load lasts; past this size the live chat's writes wait for one checkpoint (milliseconds),
       * then the WAL starts over from an empty file. Also the size it is cut back to otherwise.
       * Each restart pauses the message writes; at 15,000 messages a second (about 75 MB of WAL),
       * 256 MiB carried about 10% more of them than 64 MiB, with a fifth fewer bytes written.
       * @default 268435456 (256 MiB)
       */
      walLimitBytes: Type.Integer({ minimum: 65_536, default: 256 * 1024 * 1024 }),
    },
    { default: {}, additionalProperties: false },
  ),
}, { additionalProperties: false });

export type Config = Static<typeof ConfigSchema> & { publicUrl: string };
export type ConfigInput = Partial<Omit<Config, 'mail' | 'security' | 'storage' | 'realtime'>> & {
  realtime?: Partial<Config['realtime']>;
  mail?: Partial<Config['mail']>;
  security?: Partial<Config['security']>;
  storage?: Partial<Config['storage']>;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Environment variables and the setting each one fills. */
const ENVIRONMENT: Record<string, { path: string[]; kind: 'string' | 'integer' | 'proxy' }> = {
  INTERACT_HOST: { path: ['host'], kind: 'string' },
  INTERACT_PORT: { path: ['port'], kind: 'integer' },
  INTERACT_PUBLIC_URL: { path: ['publicUrl'], kind: 'string' },
  INTERACT_DATA_DIR: { path: ['dataDir'], kind: 'string' },
  INTERACT_TRUST_PROXY: { path: ['trustProxy'], kind: 'proxy' },
  INTERACT_LOG_LEVEL: { path: ['logLevel'], kind: 'string' },
  INTERACT_SMTP_URL: { path: ['mail', 'smtpUrl'], kind: 'string' },
  INTERACT_MAIL_FROM: { path: ['mail', 'from'], kind: 'string' },
  INTERACT_SESSION_SECRET: { path: ['security', 'sessionSecret'], kind: 'string' },
};

function parseEnvValue(name: string, raw: string, kind: 'string' | 'integer' | 'proxy'): unknown {
  if (kind === 'string') return raw;
  if (kind === 'integer') {
    if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  }
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] = typeof node[key] === 'object' && node[key] !== null ? node[key] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`config file ${file} is not a JSON object: ${(error as Error).message}`);
  }
}

function leafPaths(value: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, v]) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? leafPaths(v as Record<string, unknown>, `${prefix}${key}.`)
      : v === undefined
        ? []
        : [`${prefix}${key}`],
  );
}

function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
        ? mergeDeep(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}

export interface LoadConfigOptions {
  /** Explicit settings (highest precedence), e.g. from command-line flags or tests. */
  overrides?: ConfigInput;
  /** Environment to read `INTERACT_*` from. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** JSON config file; `INTERACT_CONFIG` names one too. */
  file?: string;
}

interface SchemaProblem {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

/** Plainer words than a regular expression for settings checked by pattern. */
const PATTERN_HINTS: Record<string, string> = {
  publicUrl: 'must be an http:// or https:// address such as https://chat.example.com',
};

/**
 * One line per wrong setting, naming it the way the operator wrote it: the dotted key, the
 * environment variable it came from, and for unknown keys the file that holds them.
 */
function describeProblems(problems: SchemaProblem[], fromEnv: Map<string, string>, file: string | undefined): string[] {
  const byPath = new Map<string, string[]>();
  const add = (where: string, message: string) => {
    const list = byPath.get(where) ?? [];
    if (!list.includes(message)) list.push(message);
    byPath.set(where, list);
  };
  const dotted = (instancePath: string) => instancePath.slice(1).replaceAll('/', '.');
  for (const p of problems) {
    const where = dotted(p.instancePath);
    // Unknown keys arrive twice: as "schema is false" on the key and as additionalProperties on
    // its parent. Keep the second, which names the key.
    if (p.keyword === 'boolean') continue;
    if (p.keyword === 'additionalProperties') {
      for (const key of (p.params.additionalProperties as string[] | undefined) ?? []) {
        add(where ? `${where}.${key}` : key, `unknown setting${file ? ` (in ${file})` : ''}`);
      }
    } else if (p.keyword === 'enum') {
      add(where, `must be one of ${(p.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
    } else if (p.keyword === 'pattern' && PATTERN_HINTS[where]) {
      add(where, PATTERN_HINTS[where]);
    } else if (p.keyword !== 'anyOf') {
      add(where || '(root)', p.message);
    }
  }
  return [...byPath].map(([where, messages]) => {
    const source = fromEnv.get(where);
    return `  - ${where}${source ? ` (${source})` : ''}: ${messages.join(', or ')}`;
  });
}

/** Builds the checked configuration; a wrong setting throws a ConfigError that names it. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const file = options.file ?? env.INTERACT_CONFIG;
  let input: Record<string, unknown> = {};
  if (file) input = readConfigFile(file);
  const fromEnv = new Map<string, string>();
  for (const [name, spec] of Object.entries(ENVIRONMENT)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    setPath(input, spec.path, parseEnvValue(name, raw, spec.kind));
    fromEnv.set(spec.path.join('.'), name);
  }
  if (options.overrides) {
    input = mergeDeep(input, options.overrides as Record<string, unknown>);
    // A setting given explicitly no longer comes from the environment.
    for (const key of leafPaths(options.overrides as Record<string, unknown>)) fromEnv.delete(key);
  }

  const withDefaults = Value.Default(ConfigSchema, Value.Clone(input));
  const problems = [...Value.Errors(ConfigSchema, withDefaults)] as SchemaProblem[];
  if (problems.length > 0) {
    const lines = describeProblems(problems, fromEnv, file);
    throw new ConfigError(`invalid configuration:\n${lines.slice(0, 10).join('\n')}`);
  }
  const config = withDefaults as Config;
  config.dataDir = path.resolve(config.dataDir);
  if (config.publicUrl === undefined) {
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    config.publicUrl = `http://${host}:${config.port}`;
  }
  config.publicUrl = config.publicUrl.replace(/\/+$/, '');
  return config;
}

export function configFileInDataDir(dataDir: string): string | undefined {
  const candidate = path.join(dataDir, 'interact.config.json');
  return existsSync(candidate) ? candidate : undefined;
}
