#!/usr/bin/env node
// `pnpm bench` (repository root): the hub against a bare `ws` fan-out server, same load, same machine.
//
// For each server in turn: start it as a child process on 127.0.0.1 (the hub with a fresh database
// in a temporary folder), drive it from a separate load-client process (bench/load-client.mjs),
// stop it and remove its folder. Then print every figure side by side, the ratio hub/bare, and the
// product targets with PASS/MISS. Options: see bench/README.md or `node bench/run.mjs --help`.
import { fork, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
// BENCH_HUB_BIN: another build of the hub to measure (a branch, a prototype), same command line.
const hubBin = path.resolve(process.env.BENCH_HUB_BIN || path.join(root, 'packages/server/bin/interact-hub.js'));
const hubBuild = path.join(path.dirname(hubBin), '../dist/cli/main.js');
/**
 * Node flags for both servers: the ones the README starts the hub with. A 32 MB young generation
 * (V8's default is 16 MB) lets the many short-lived objects of the message path die young.
 */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

// ---------------------------------------------------------------- options

/** `extra` over `base`, object by object. */
function mergeConfig(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = value && typeof value === 'object' && !Array.isArray(value) ? mergeConfig(base[key] ?? {}, value) : value;
  }
  return out;
}

const HELP = `Usage: pnpm bench [--quick] [--only hub|bare] [--seconds N] [--idle N] [--json FILE] [--cpu-prof DIR]

Environment (flags win):
  BENCH_SECONDS=10            timed seconds of each throughput phase
  BENCH_LATENCY_SECONDS=10    timed seconds of each fixed-rate latency phase
  BENCH_WARMUP_SECONDS=1      untimed lead-in of every timed phase
  BENCH_IDLE=10000            idle visitor sockets (hello done, no message)
  BENCH_STAFF=3               staff sockets receiving every message
  BENCH_SENDERS=200           visitors of the throughput phase (as fast as acks allow)
  BENCH_WINDOW=4              messages in flight per throughput sender
  BENCH_RATES=500,2000        fixed rates (messages/s) of the latency phases
  BENCH_LATENCY_SENDERS=500   visitors the fixed rates are spread over (keep rate/senders <= 5)
  BENCH_CAPACITY_SENDERS=4000 visitors of the capacity phase, each within 5 messages/s (0: skip)
  BENCH_CAPACITY_WINDOW=2     messages in flight per capacity sender
  BENCH_PHASES=idle,latency,throughput,capacity
  BENCH_ONLY=hub|bare         run one server only (no ratios)
  BENCH_HUB_LOG_LEVEL=warn    the hub's log level during the run
  BENCH_HUB_BIN=FILE          the hub to measure (default packages/server/bin/interact-hub.js)
  BENCH_HUB_NODE_ARGS="..."   extra node flags for the hub (e.g. --trace-gc)
  BENCH_HUB_CONFIG='{...}'    more hub settings (JSON, merged into the data folder's interact.config.json)
  BENCH_HUB_OUTPUT=FILE       append the hub's stdout/stderr to FILE
  BENCH_CPU_PROF=DIR          run the hub under node --cpu-prof, profiles written to DIR
  BENCH_TMPDIR=/tmp           where the temporary data folders go (use a real disk: fsync matters)
  BENCH_JSON=FILE             also write all figures as JSON
  BENCH_WAIT_QUIET=120        before each server (and, at most 60 s, before each timed phase) wait up to
                              this long for other processes to use < 30% of one core (0: don't)`;

const argv = process.argv.slice(2).filter((a) => a !== '--');
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
function flag(name) {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}
const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const known = new Set(['--quick', '--only', '--seconds', '--idle', '--json', '--cpu-prof']);
for (const a of argv) {
  if (a.startsWith('--') && !known.has(a)) {
    console.error(`unknown option ${a}\n\n${HELP}`);
    process.exit(2);
  }
}

function setting(flagName, envName, full, quickValue) {
  const raw = (flagName && flag(flagName)) ?? process.env[envName];
  return raw !== undefined && raw !== '' ? raw : String(quick ? quickValue : full);
}
function intSetting(flagName, envName, full, quickValue, min = 0, max = 1_000_000) {
  const raw = setting(flagName, envName, full, quickValue);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${envName} must be a whole number in ${min}..${max}, got "${raw}"`);
  return n;
}

function readOptions() {
  const o = {
    seconds: intSetting('--seconds', 'BENCH_SECONDS', 10, 2, 1, 600),
    latencySeconds: intSetting(null, 'BENCH_LATENCY_SECONDS', 10, 2, 1, 600),
    warmupSeconds: intSetting(null, 'BENCH_WARMUP_SECONDS', 1, 1, 0, 60),
    idle: intSetting('--idle', 'BENCH_IDLE', 10_000, 300, 0, 15_000),
    staff: intSetting(null, 'BENCH_STAFF', 3, 1, 1, 50),
    senders: intSetting(null, 'BENCH_SENDERS', 200, 20, 1, 5_000),
    window: intSetting(null, 'BENCH_WINDOW', 4, 4, 1, 100),
    latencySenders: intSetting(null, 'BENCH_LATENCY_SENDERS', 500, 60, 1, 5_000),
    capacitySenders: intSetting(null, 'BENCH_CAPACITY_SENDERS', 4_000, 100, 0, 8_000),
    capacityWindow: intSetting(null, 'BENCH_CAPACITY_WINDOW', 2, 2, 1, 100),
    rates: setting(null, 'BENCH_RATES', '500,2000', '100,250')
      .split(',')
      .map((s) => Number(s.trim())),
    phases: setting(null, 'BENCH_PHASES', 'idle,latency,throughput,capacity', 'idle,latency,throughput,capacity')
      .split(',')
      .map((s) => s.trim()),
    only: setting('--only', 'BENCH_ONLY', '', ''),
    hubLogLevel: setting(null, 'BENCH_HUB_LOG_LEVEL', 'warn', 'warn'),
    cpuProf: setting('--cpu-prof', 'BENCH_CPU_PROF', '', ''),
    tmp: setting(null, 'BENCH_TMPDIR', os.tmpdir(), os.tmpdir()),
    json: setting('--json', 'BENCH_JSON', '', ''),
    waitQuiet: intSetting(null, 'BENCH_WAIT_QUIET', 120, 10, 0, 3600),
  };
  if (o.rates.some((r) => !Number.isFinite(r) || r <= 0 || r > 100_000)) throw new Error('BENCH_RATES: positive numbers, comma-separated');
  for (const p of o.phases) {
    if (!['idle', 'latency', 'throughput', 'capacity'].includes(p)) throw new Error(`BENCH_PHASES: unknown phase ${p}`);
  }
  if (o.only && !['hub', 'bare'].includes(o.only)) throw new Error('--only takes hub or bare');
  return o;
}
let opts;
try {
  opts = readOptions();
} catch (error) {
  console.error(`bench: ${error.message}\n\n${HELP}`);
  process.exit(2);
}
// 5 messages/s and a burst of 10 per visitor: the hub's own limit (realtime/connections.ts).
const HUB_VISITOR_LIMIT = { rate: 5, burst: 10 };
const worstPerSender = Math.max(...opts.rates) / opts.latencySenders;
if (worstPerSender > HUB_VISITOR_LIMIT.rate) {
  console.warn(`warning: ${Math.max(...opts.rates)}/s over ${opts.latencySenders} senders is ${worstPerSender}/s per visitor, ` +
    `above the hub's ${HUB_VISITOR_LIMIT.rate}/s limit: expect refused sends. Raise BENCH_LATENCY_SENDERS.`);
}

// ---------------------------------------------------------------- children and clean-up

const children = new Set();
const tempDirs = new Set();

function killChildren(signal = 'SIGKILL') {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill(signal);
      } catch {}
    }
  }
}
function removeTempDirs() {
  for (const dir of tempDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {}
    tempDirs.delete(dir);
  }
}
process.on('exit', () => {
  killChildren('SIGKILL');
  removeTempDirs();
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\nbench: ${signal}, stopping`);
    process.exit(130);
  });
}

function exited(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** SIGTERM, then SIGKILL when it takes longer than `graceMs`. */
async function stopChild(child, graceMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
  children.delete(child);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves with the first match of `pattern` in the child's stdout (kept whole), or rejects. */
function waitForOutput(child, pattern, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const m = pattern.exec(out);
      if (m) {
        cleanup();
        resolve({ match: m, out });
      }
    };
    const onExit = (code) => {
      cleanup();
      reject(new Error(`${what} exited (${code}) before it was ready:\n${out.slice(-4000)}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what} not ready after ${timeoutMs} ms:\n${out.slice(-4000)}`));
    }, timeoutMs);
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
    }
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Keeps the last lines of a child's output (to show on failure) without letting its pipe fill up. */
function keepTail(child, name) {
  const lines = [];
  const add = (chunk) => {
    for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => `--- last output of ${name} ---\n${lines.slice(-40).join('\n')}`;
}

async function startHub() {
  if (!existsSync(hubBuild)) {
    throw new Error(`the hub is not built (${path.relative(root, hubBuild)} is missing): run \`pnpm setup\` ` +
      'or `npx tsc -b packages/sdk/tsconfig.json packages/server/tsconfig.json` first');
  }
  const dataDir = mkdtempSync(path.join(opts.tmp, 'interact-bench-hub-'));
  tempDirs.add(dataDir);
  writeFileSync(
    path.join(dataDir, 'interact.config.json'),
    JSON.stringify(
      mergeConfig(
        {
          logLevel: opts.hubLogLevel,
          realtime: { maxSocketsPerAddress: 100_000 },
          security: { authRateLimitPerMinute: 10_000 },
        },
        // BENCH_HUB_CONFIG: more settings for an experiment, e.g. {"storage":{"checkpointIntervalMs":200}}.
        JSON.parse(process.env.BENCH_HUB_CONFIG || '{}'),
      ),
    ),
  );
  const port = await freePort();
  // The flags the README runs the hub with (packages/server/README.md, "Running it"), then any extra.
  const nodeArgs = [...SERVER_NODE_FLAGS, ...(process.env.BENCH_HUB_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)];
  if (opts.cpuProf) {
    mkdirSync(opts.cpuProf, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${path.resolve(opts.cpuProf)}`);
  }
  const child = spawn(process.execPath, [...nodeArgs, hubBin, 'demo', '--data-dir', dataDir, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Only the data folder's interact.config.json configures this hub: no INTERACT_* from the caller.
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INTERACT_'))),
      INTERACT_LOG_LEVEL: opts.hubLogLevel,
    },
  });
  children.add(child);
  if (process.env.BENCH_HUB_OUTPUT) {
    const out = createWriteStream(path.resolve(process.env.BENCH_HUB_OUTPUT), { flags: 'a' });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
  }
  const tail = keepTail(child, 'hub');
  const { out } = await waitForOutput(child, /Channel key[^\n]*:\s+(\S+)\s*\n/, 60_000, 'the hub');
  const email = /Sign in:\s+(\S+)/.exec(out)?.[1];
  const password = /Password:\s+(\S+)/.exec(out)?.[1];
  const channelKey = /Channel key[^\n]*:\s+(\S+)/.exec(out)?.[1];
  if (!email || !password || !channelKey) throw new Error(`could not read the demo sign-in from the hub's output:\n${out}`);
  const baseUrl = `http://127.0.0.1:${port}`;
  const ready = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(10_000) });
  if (!ready.ok) throw new Error(`hub /readyz answered ${ready.status}`);
  return { child, tail, dataDir, port, baseUrl, origin: baseUrl, channelKey, signIn: { email, password } };
}

async function startBare() {
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(here, 'bare-fanout-server.mjs'), '--port', String(port)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  const tail = keepTail(child, 'bare fan-out server');
  await waitForOutput(child, /READY (\d+)/, 20_000, 'the bare fan-out server');
  const baseUrl = `http://127.0.0.1:${port}`;
  return { child, tail, port, baseUrl, origin: baseUrl, channelKey: 'bare', signIn: null };
}

/** Upper bound on one load-client run, from the sizes (it stops itself there). */
function loadClientBudgetSeconds() {
  const timed = opts.warmupSeconds + 6;
  return Math.ceil(
    120 + // sign-in, staff, senders and priming
      (3 + opts.rates.length) * Math.min(opts.waitQuiet, 60) + // waits for a quiet machine before the phases
      opts.idle / 100 + // idle connections (well above the rate seen here)
      opts.capacitySenders / 50 +
      opts.rates.length * (opts.latencySeconds + timed + 60) +
      2 * (opts.seconds + timed + 60),
  );
}

function busySeconds() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + (steal || 0)) / 100;
}

/** Other processes share the cores (a test run, a build): wait, bounded, until the machine is quiet. */
async function waitQuiet() {
  if (!opts.waitQuiet || !existsSync('/proc/stat')) return;
  const deadline = Date.now() + opts.waitQuiet * 1000;
  let said = false;
  while (true) {
    const b0 = busySeconds();
    const c0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 2000));
    const c = process.cpuUsage(c0);
    const busy = (busySeconds() - b0 - (c.user + c.system) / 1e6) / 2;
    if (busy < 0.3) {
      if (said) console.log(`  machine quiet (${(busy * 100).toFixed(0)}% of a core busy)`);
      return;
    }
    if (Date.now() > deadline) {
      console.log(`  warning: other processes still use ${(busy * 100).toFixed(0)}% of a core: figures will be noisy`);
      return;
    }
    if (!said) console.log(`  waiting for a quiet machine (other processes use ${(busy * 100).toFixed(0)}% of a core)…`);
    said = true;
  }
}

async function runAgainst(target) {
  await waitQuiet();
  console.log(`\n== ${target === 'hub' ? `hub (${path.relative(root, hubBin) || hubBin}, SQLite WAL synchronous=FULL)` : 'bare ws fan-out server'} ==`);
  const server = target === 'hub' ? await startHub() : await startBare();
  let client;
  try {
    console.log(`  ${target} pid ${server.child.pid} on ${server.baseUrl}${server.dataDir ? `, data ${server.dataDir}` : ''}`);
    client = fork(path.join(here, 'load-client.mjs'), [], { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.add(client);
    const maxSeconds = loadClientBudgetSeconds();
    const config = {
      target,
      baseUrl: server.baseUrl,
      wsBase: server.baseUrl.replace(/^http/, 'ws'),
      origin: server.origin,
      channelKey: server.channelKey,
      signIn: server.signIn,
      serverPid: server.child.pid,
      staff: opts.staff,
      idle: opts.idle,
      seconds: opts.seconds,
      latencySeconds: opts.latencySeconds,
      warmupSeconds: opts.warmupSeconds,
      senders: opts.senders,
      window: opts.window,
      rates: opts.rates,
      latencySenders: opts.latencySenders,
      capacitySenders: opts.capacitySenders,
      capacityWindow: opts.capacityWindow,
      capacityPace: HUB_VISITOR_LIMIT,
      phases: opts.phases,
      connectConcurrency: 200,
      connectTimeoutMs: 300_000,
      drainMs: 60_000,
      waitQuietSeconds: Math.min(opts.waitQuiet, 60),
      maxSeconds,
    };
    const outcome = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`load client gave no answer within ${maxSeconds + 30} s`)), (maxSeconds + 30) * 1000);
      client.on('message', (msg) => {
        if (msg?.type === 'result' || msg?.type === 'failed') {
          clearTimeout(timer);
          resolve(msg);
        }
      });
      client.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`load client exited (${code}) without a result`));
      });
      server.child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${target} exited (${code ?? signal}) during the run\n${server.tail()}`));
      });
      client.send({ type: 'start', config });
    });
    if (outcome.type === 'failed') {
      throw new Error(`load client failed against the ${target}: ${outcome.error}\nerrors: ${JSON.stringify(outcome.errors)}\n${server.tail()}`);
    }
    return outcome.result;
  } finally {
    if (client) await stopChild(client, 5_000);
    await stopChild(server.child);
    if (server.dataDir) {
      rmSync(server.dataDir, { recursive: true, force: true });
      tempDirs.delete(server.dataDir);
    }
  }
}

// ---------------------------------------------------------------- report

const fmt = (v, digits = 0) =>
  v === undefined || v === null || Number.isNaN(v)
    ? '—'
    : Number(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (a, b) => (a === undefined || b === undefined || !b ? '—' : (a / b).toFixed(2));

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Server CPU time per message handled (sent, whether acked or refused), in microseconds. */
function cpuPerMessage(r) {
  if (!r) return undefined;
  const handled = r.perSecond + (r.refusedPerSecond ?? 0);
  return handled ? ((r.serverCpuPct / 100) * 1e6) / handled : undefined;
}
/** What the server wrote to disk per message acked, in KB. */
function diskPerMessage(r) {
  return r?.perSecond ? (r.diskWriteMBps * 1e3) / r.perSecond : undefined;
}

function report(results) {
  const hub = results.hub?.phases ?? {};
  const bare = results.bare?.phases ?? {};
  const rows = [];
  const add = (label, h, b, digits = 0) => rows.push([label, fmt(h, digits), fmt(b, digits), ratio(h, b)]);

  if (hub.throughput || bare.throughput) {
    const t = hub.throughput ?? bare.throughput;
    add(`throughput, ${t.senders} senders x window ${t.window} (msg/s acked+delivered)`, hub.throughput?.perSecond, bare.throughput?.perSecond);
    add('  sends refused by rate limit (/s)', hub.throughput?.refusedPerSecond, bare.throughput?.refusedPerSecond);
    add('  send -> staff p50 (ms)', hub.throughput?.delivery.p50, bare.throughput?.delivery.p50, 2);
    add('  send -> staff p99 (ms)', hub.throughput?.delivery.p99, bare.throughput?.delivery.p99, 2);
    add('  server CPU (% of one core)', hub.throughput?.serverCpuPct, bare.throughput?.serverCpuPct);
    add('  server CPU per message (µs)', cpuPerMessage(hub.throughput), cpuPerMessage(bare.throughput));
    add('  load client CPU (% of one core)', hub.throughput?.clientCpuPct, bare.throughput?.clientCpuPct);
    add('  other processes CPU (% of one core)', hub.throughput?.otherCpuPct, bare.throughput?.otherCpuPct);
  }
  if (hub.capacity || bare.capacity) {
    const c = hub.capacity ?? bare.capacity;
    add(`capacity, ${c.senders} senders <= ${c.pace.rate}/s each (msg/s acked+delivered)`, hub.capacity?.perSecond, bare.capacity?.perSecond);
    add('  sends refused by rate limit (/s)', hub.capacity?.refusedPerSecond, bare.capacity?.refusedPerSecond);
    add('  send -> staff p50 (ms)', hub.capacity?.delivery.p50, bare.capacity?.delivery.p50, 2);
    add('  send -> staff p99 (ms)', hub.capacity?.delivery.p99, bare.capacity?.delivery.p99, 2);
    add('  server CPU (% of one core)', hub.capacity?.serverCpuPct, bare.capacity?.serverCpuPct);
    add('  server CPU per message (µs)', cpuPerMessage(hub.capacity), cpuPerMessage(bare.capacity));
    add('  server disk writes (KB per message)', diskPerMessage(hub.capacity), diskPerMessage(bare.capacity), 1);
    add('  load client CPU (% of one core)', hub.capacity?.clientCpuPct, bare.capacity?.clientCpuPct);
    add('  other processes CPU (% of one core)', hub.capacity?.otherCpuPct, bare.capacity?.otherCpuPct);
  }
  for (const [i, rate] of opts.rates.entries()) {
    const h = hub.latency?.[i];
    const b = bare.latency?.[i];
    const idle = (h ?? b)?.idleConnected ?? 0;
    if (!h && !b) continue;
    add(`latency @ ${rate}/s, ${fmt(idle)} idle: send -> staff p50 (ms)`, h?.delivery.p50, b?.delivery.p50, 2);
    add(`latency @ ${rate}/s, ${fmt(idle)} idle: send -> staff p99 (ms)`, h?.delivery.p99, b?.delivery.p99, 2);
    add(`latency @ ${rate}/s: send -> ack p99 (ms)`, h?.ack.p99, b?.ack.p99, 2);
    add(`latency @ ${rate}/s: achieved rate (msg/s)`, h?.achievedRate, b?.achievedRate);
    add(`latency @ ${rate}/s: refused + lost`, h && h.refused + h.lost, b && b.refused + b.lost);
    add(`latency @ ${rate}/s: server CPU (% of one core)`, h?.serverCpuPct, b?.serverCpuPct);
    add(`latency @ ${rate}/s: server disk writes (KB per message)`, h && (h.diskWriteMBps * 1e3) / h.achievedRate,
      b && (b.diskWriteMBps * 1e3) / b.achievedRate, 1);
    add(`latency @ ${rate}/s: server CPU per message (µs)`, h && ((h.serverCpuPct / 100) * 1e6) / h.achievedRate,
      b && ((b.serverCpuPct / 100) * 1e6) / b.achievedRate);
    add(`latency @ ${rate}/s: other processes CPU (% of one core)`, h?.otherCpuPct, b?.otherCpuPct);
  }
  if (hub.idle || bare.idle) {
    add('RSS before idle visitors (MB)', hub.idle && hub.idle.beforeKB / 1024, bare.idle && bare.idle.beforeKB / 1024, 1);
    add(`RSS with ${fmt((hub.idle ?? bare.idle).idle)} idle visitors (MB)`, hub.idle && hub.idle.afterKB / 1024, bare.idle && bare.idle.afterKB / 1024, 1);
    add('RSS per idle visitor (KB)', hub.idle?.perConnectionKB, bare.idle?.perConnectionKB, 2);
    add('idle visitor connects (hello done) per s', hub.idle?.connectsPerSecond, bare.idle?.connectsPerSecond);
  }

  console.log('\n== Figures (hub next to the bare ws fan-out server) ==\n');
  console.log(table(['figure', 'hub', 'bare', 'hub/bare'], rows));

  const targets = [];
  const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS');
  // The target is measured with visitors that each stay within the hub's per-visitor limit (the
  // capacity phase), as real visitors do: 200 visitors sending as fast as acks allow measure that
  // limit (5 msg/s each, so 1,000 msg/s at most), not the hub's storage and fan-out.
  const cp = hub.capacity && bare.capacity ? hub.capacity.perSecond / bare.capacity.perSecond : undefined;
  targets.push([
    `throughput >= 75% of bare fan-out (${hub.capacity?.senders ?? opts.capacitySenders} senders within 5 msg/s each)`,
    cp === undefined ? '—' : `${(cp * 100).toFixed(1)}%`,
    verdict(cp === undefined ? undefined : cp >= 0.75),
  ]);
  const tp = hub.throughput && bare.throughput ? hub.throughput.perSecond / bare.throughput.perSecond : undefined;
  if (hub.throughput || bare.throughput) {
    targets.push([
      `  for comparison: ${hub.throughput?.senders ?? opts.senders} senders as fast as acks allow (the hub caps each at 5 msg/s)`,
      tp === undefined ? '—' : `${(tp * 100).toFixed(1)}%`,
      'info',
    ]);
  }
  const perIdle = hub.idle?.perConnectionKB;
  targets.push([`idle visitor <= 12 KB RSS (${fmt(hub.idle?.idle)} idle)`, perIdle === undefined ? '—' : `${fmt(perIdle, 2)} KB`,
    verdict(perIdle === undefined ? undefined : perIdle <= 12)]);
  const at2000 = hub.latency?.find((l) => l.rate === 2000);
  const l = at2000 ?? hub.latency?.at(-1);
  targets.push([
    `p99 <= 25 ms at 2,000 msg/s with 10,000 idle${l && (l.rate !== 2000 || l.idleConnected < 10_000) ? ` (measured at ${fmt(l.rate)}/s, ${fmt(l.idleConnected)} idle)` : ''}`,
    l ? `${fmt(l.delivery.p99, 2)} ms` : '—',
    verdict(l ? l.delivery.p99 <= 25 && l.refused + l.lost === 0 : undefined),
  ]);

  console.log('\n== Targets (product issue) ==\n');
  console.log(table(['target', 'hub', 'verdict'], targets));
  const disk = results.disk;
  if (disk) {
    console.log(
      `\nEvery hub ack waits for an fsync of the WAL. The disk alone, in this run (256 KB appends, ` +
        `fdatasync every 10 ms): p50 ${disk.p50} ms, p99 ${disk.p99} ms, max ${disk.max} ms.`,
    );
  }
  const conditionsMet = !quick && opts.idle >= 10_000 && at2000;
  if (!conditionsMet) console.log('\nNote: not a full-size run (--quick or smaller sizes): the verdicts are indicative only.');
  for (const [name, r] of Object.entries(results)) {
    if (r?.errors && Object.keys(r.errors).length) console.log(`\n${name}: error frames / socket events: ${JSON.stringify(r.errors)}`);
  }
}

// ---------------------------------------------------------------- main

/**
 * The disk alone, before any server runs: fdatasync after each 256 KB append, 100 times a second
 * (about what the hub writes at 2,000 messages/s). Every hub ack waits for such an fsync.
 */
async function probeDisk() {
  const seconds = quick ? 2 : 8;
  await waitQuiet();
  console.log(`\n== disk: fdatasync of 256 KB appends every 10 ms for ${seconds} s, in ${opts.tmp} ==`);
  const child = spawn(process.execPath, [path.join(here, 'disk-probe.mjs'), opts.tmp, String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  children.delete(child);
  if (code !== 0) throw new Error(`the disk probe failed (exit code ${code})`);
  const disk = JSON.parse(out);
  console.log(`  fdatasync p50 ${disk.p50} ms, p99 ${disk.p99} ms, max ${disk.max} ms (${disk.count} calls)`);
  return disk;
}

async function main() {
  console.log(`#Interact bench${quick ? ' (quick)' : ''}: ${os.cpus().length} CPUs, Node ${process.version}, data in ${opts.tmp}`);
  console.log(
    `  sizes: ${opts.staff} staff, throughput ${opts.senders} senders x window ${opts.window} for ${opts.seconds} s, ` +
      `rates ${opts.rates.join('/')} msg/s over ${opts.latencySenders} senders for ${opts.latencySeconds} s, ${opts.idle} idle, ` +
      `capacity ${opts.capacitySenders} senders; phases ${opts.phases.join(',')}`,
  );
  const results = {};
  const started = Date.now();
  if (!opts.only || opts.only === 'hub') results.disk = await probeDisk();
  for (const target of ['hub', 'bare']) {
    if (opts.only && opts.only !== target) continue;
    results[target] = await runAgainst(target);
  }
  report(results);
  console.log(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (opts.json) {
    writeFileSync(opts.json, JSON.stringify({ options: opts, quick, results }, null, 2) + '\n');
    console.log(`figures written to ${opts.json}`);
  }
  if (opts.cpuProf) console.log(`hub CPU profile(s) in ${path.resolve(opts.cpuProf)} (summary: node bench/cpu-profile-summary.mjs <file>)`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`\nbench failed: ${error?.stack ?? error}`);
    process.exit(1);
  },
);
