#!/usr/bin/env node
// The load client: a separate process, started by bench/run.mjs with an IPC channel. It receives
// one `{ type: 'start', config }` message, drives one server (the hub or the bare fan-out server)
// through the phases below, and answers with `{ type: 'result', result }`. Progress goes to stdout.
//
// Phases, in this order (each bounded in time):
//   setup      staff sockets (hello with a token) and the latency senders connect; every sender
//              sends one message so its conversation exists before anything is timed.
//   idle       server RSS, then `idle` visitor sockets connect and say hello, then RSS again.
//   latency    with the idle sockets still connected: open-loop sends at each fixed rate, spread
//              round-robin over the latency senders; send -> staff `message` time, same clock.
//   throughput the idle sockets close; `senders` visitors send as fast as acks allow (at most
//              `window` in flight each) for `seconds`; counted: acked AND delivered to every staff socket.
//   capacity   (optional) `capacitySenders` visitors, each kept within the hub's per-visitor limit
//              (5 messages/s, burst 10) but otherwise as fast as acks allow.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';

const now = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (...args) => console.log(`  [load ${config?.target ?? ''}]`, ...args);

let config;
const errors = new Map(); // "where: code" -> count
function countError(key) {
  errors.set(key, (errors.get(key) ?? 0) + 1);
}

// ---------------------------------------------------------------- server process figures (/proc)

function rssKB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Median of a few RSS samples a little apart: one sample can land in the middle of a GC. */
async function settledRss(pid, samples = 5, gapMs = 300) {
  const values = [];
  for (let i = 0; i < samples; i++) {
    values.push(rssKB(pid));
    if (i < samples - 1) await sleep(gapMs);
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
}

/** Bytes the process has caused to be written to storage (0 where /proc/<pid>/io is not readable). */
function diskWriteBytes(pid) {
  try {
    const m = /^write_bytes:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Busy CPU seconds of the whole machine (all cores), from /proc/stat. */
function machineBusySeconds() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + (steal || 0)) / 100;
}

/**
 * CPU use over a phase, in % of one core: the server, this load client, and everything else on the
 * machine (other processes competing for the same cores make the figures noisy: watch that column).
 */
function meter(pid) {
  const wall0 = now();
  const server0 = cpuSeconds(pid);
  const client0 = process.cpuUsage();
  const machine0 = machineBusySeconds();
  const disk0 = diskWriteBytes(pid);
  return () => {
    const wall = (now() - wall0) / 1000;
    const c = process.cpuUsage(client0);
    const server = cpuSeconds(pid) - server0;
    const client = (c.user + c.system) / 1e6;
    const machine = machineBusySeconds() - machine0;
    return {
      serverCpuPct: (100 * server) / wall,
      clientCpuPct: (100 * client) / wall,
      otherCpuPct: Math.max(0, (100 * (machine - server - client)) / wall),
      // WAL, checkpoints and anything else the server wrote to disk: the load on the disk whose
      // fsyncs every acknowledgement waits for.
      diskWriteMBps: (diskWriteBytes(pid) - disk0) / 1e6 / wall,
    };
  };
}

/**
 * Before a timed phase: waits (at most `config.waitQuietSeconds`) until the processes other than
 * the server and this client use less than 30% of one core, so that a test run or a build elsewhere
 * on the machine does not end up in the figures. Returns what it saw, for the report.
 */
async function waitQuiet(label) {
  const deadline = now() + config.waitQuietSeconds * 1000;
  let said = false;
  while (true) {
    const m = meter(config.serverPid);
    await sleep(1000);
    const { otherCpuPct } = m();
    if (otherCpuPct < 30) {
      if (said) log(`${label}: machine quiet again`);
      return true;
    }
    if (now() > deadline) {
      log(`${label}: other processes still use ${otherCpuPct.toFixed(0)}% of a core: this phase will be noisy`);
      return false;
    }
    if (!said) log(`${label}: waiting for other processes to quieten (${otherCpuPct.toFixed(0)}% of a core)…`);
    said = true;
  }
}

// ---------------------------------------------------------------- statistics

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

class Samples {
  #data = new Float64Array(1024);
  #n = 0;
  push(v) {
    if (this.#n === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#n++] = v;
  }
  get count() {
    return this.#n;
  }
  summary() {
    const sorted = this.#data.slice(0, this.#n).sort();
    const r = (v) => Math.round(v * 100) / 100;
    return {
      count: this.#n,
      p50: r(percentile(sorted, 50)),
      p90: r(percentile(sorted, 90)),
      p99: r(percentile(sorted, 99)),
      max: r(sorted[this.#n - 1] ?? NaN),
    };
  }
}

// ---------------------------------------------------------------- messages in flight

/** clientMsgId -> { t0, sender, acked, deliveries } for every message not yet complete. */
const pending = new Map();
let msgCounter = 0;
/** The phase currently counting; gets onAck/onDelivery/onComplete/onRefused calls. */
let phase = null;
const TEXT = 'Hello! I ordered a blue kettle last week and it has not arrived yet, where is it?';

/** Pulls "clientMsgId":"..." out of a frame without parsing all of it (the load client must stay light). */
function clientMsgIdOf(s) {
  const key = '"clientMsgId":"';
  const i = s.indexOf(key);
  if (i < 0) return null;
  const start = i + key.length;
  return s.slice(start, s.indexOf('"', start));
}

function complete(id, rec, t) {
  pending.delete(id);
  phase?.onComplete?.(rec, t);
}

// ---------------------------------------------------------------- sockets

const wsOptions = () => ({
  headers: config.origin ? { Origin: config.origin } : {},
  perMessageDeflate: false,
  skipUTF8Validation: true,
  handshakeTimeout: 30_000,
});

let closingAll = false;

class Visitor {
  constructor(index) {
    this.index = index;
    this.inFlight = 0;
    this.sent = 0;
    this.welcomed = false;
    this.closed = false;
    this.ws = null;
    this.onReady = null;
  }

  open() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${config.wsBase}/ws/visitor?key=${encodeURIComponent(config.channelKey)}`, wsOptions());
      this.ws = ws;
      const timer = setTimeout(() => reject(new Error('visitor hello timed out')), 30_000);
      this.onReady = () => {
        clearTimeout(timer);
        resolve(this);
      };
      ws.on('open', () => ws.send('{"type":"hello"}'));
      ws.on('message', (data) => this.#onFrame(data.toString()));
      ws.on('error', (error) => {
        countError(`visitor socket: ${error.code ?? error.message}`);
        clearTimeout(timer);
        reject(error);
      });
      ws.on('close', (code) => {
        this.closed = true;
        if (!closingAll && !this.expectClose) countError(`visitor closed by server: ${code}`);
        clearTimeout(timer);
        reject(new Error(`visitor closed: ${code}`));
      });
    });
  }

  #onFrame(s) {
    if (s.startsWith('{"type":"ack"')) {
      const id = clientMsgIdOf(s);
      const rec = pending.get(id);
      if (!rec) return;
      const t = now();
      rec.acked = true;
      rec.ackT = t;
      this.inFlight--;
      phase?.onAck?.(rec, t);
      if (rec.deliveries >= config.staff) complete(id, rec, t);
      phase?.onSlot?.(this);
    } else if (s.startsWith('{"type":"welcome"')) {
      this.welcomed = true;
      this.onReady?.();
    } else if (s.startsWith('{"type":"error"')) {
      const frame = JSON.parse(s);
      countError(`visitor error frame: ${frame.code}`);
      const rec = frame.clientMsgId ? pending.get(frame.clientMsgId) : undefined;
      if (rec) {
        pending.delete(frame.clientMsgId);
        this.inFlight--;
        phase?.onRefused?.(rec, this, frame.code);
      }
    }
    // welcome-time and conversation frames (visitor, conversation, availability) need nothing.
  }

  send() {
    const id = `m${++msgCounter}`;
    const rec = { t0: now(), sender: this, acked: false, ackT: 0, deliveries: 0 };
    pending.set(id, rec);
    this.inFlight++;
    this.sent++;
    this.ws.send(`{"type":"send","clientMsgId":"${id}","text":"${TEXT}"}`);
    return rec;
  }

  close() {
    this.expectClose = true;
    if (!this.closed) this.ws.close();
  }
}

class Staff {
  constructor(index, token) {
    this.index = index;
    this.token = token;
    this.received = 0;
  }

  open() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${config.wsBase}/ws/staff`, { perMessageDeflate: false, skipUTF8Validation: true });
      this.ws = ws;
      const timer = setTimeout(() => reject(new Error('staff hello timed out')), 30_000);
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', ...(this.token ? { token: this.token } : {}) })));
      ws.on('message', (data) => {
        const s = data.toString();
        if (s.startsWith('{"type":"message"')) {
          const t = now();
          this.received++;
          const id = clientMsgIdOf(s);
          const rec = pending.get(id);
          if (!rec) return;
          rec.deliveries++;
          phase?.onDelivery?.(rec, t);
          if (rec.acked && rec.deliveries >= config.staff) complete(id, rec, t);
        } else if (s.startsWith('{"type":"welcome"')) {
          clearTimeout(timer);
          resolve(this);
        } else if (s.startsWith('{"type":"error"')) {
          countError(`staff error frame: ${JSON.parse(s).code}`);
        }
      });
      ws.on('error', (error) => {
        countError(`staff socket: ${error.code ?? error.message}`);
        clearTimeout(timer);
        reject(error);
      });
      ws.on('close', (code) => {
        if (!closingAll) countError(`staff closed by server: ${code}`);
        clearTimeout(timer);
        reject(new Error(`staff closed: ${code}`));
      });
    });
  }
}

/** Opens `count` visitors, at most `concurrency` handshakes at a time. */
async function openVisitors(count, firstIndex, concurrency) {
  const out = new Array(count);
  let next = 0;
  let failures = 0;
  const deadline = now() + config.connectTimeoutMs;
  async function worker() {
    while (next < count) {
      if (now() > deadline) throw new Error(`connecting ${count} visitors took longer than ${config.connectTimeoutMs} ms`);
      const i = next++;
      try {
        out[i] = await new Visitor(firstIndex + i).open();
      } catch (error) {
        if (++failures > Math.max(10, count / 100)) throw new Error(`too many visitor connections failed: ${error.message}`);
        next--; // try that slot again
        await sleep(50);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return out;
}

/** Waits (bounded) until no message of ours is in flight. */
async function drain(maxMs) {
  const deadline = now() + maxMs;
  while (pending.size > 0 && now() < deadline) await sleep(20);
  return pending.size;
}

// ---------------------------------------------------------------- phases

/** Every sender writes once, so its visitor and conversation exist (hub: created on the first message). */
async function primeSenders(senders) {
  phase = null;
  const batch = 100;
  for (let i = 0; i < senders.length; i += batch) {
    for (const v of senders.slice(i, i + batch)) v.send();
    const deadline = now() + 10_000;
    while (pending.size > 0 && now() < deadline) await sleep(5);
  }
  const left = await drain(10_000);
  if (left > 0) {
    countError(`priming: ${left} messages not acked+delivered`);
    pending.clear();
  }
  for (const v of senders) v.inFlight = 0;
}

/** Open loop at `rate` messages/s over `senders`, round-robin, for `seconds` (after `warmup` s untimed). */
async function latencyPhase(senders, rate, seconds, warmup) {
  const delivery = new Samples();
  const ack = new Samples();
  let refused = 0;
  let measuring = false;
  let sentTimed = 0;
  const timed = new Set();
  // Worst send -> staff latency of the messages sent in each second of the timed window: shows
  // whether a bad p99 is a steady queue or a few stalls (GC, fsync, a checkpoint, ...).
  const worstBySecond = new Array(seconds).fill(0);
  phase = {
    onAck(rec, t) {
      if (rec.timed) ack.push(t - rec.t0);
    },
    onDelivery(rec, t) {
      if (!rec.timed) return;
      const latency = t - rec.t0;
      delivery.push(latency);
      const second = Math.min(seconds - 1, Math.floor((rec.t0 - measureStart) / 1000));
      if (latency > worstBySecond[second]) worstBySecond[second] = latency;
    },
    onComplete(rec) {
      if (rec.timed) timed.delete(rec);
    },
    onRefused(rec) {
      if (rec.timed) {
        refused++;
        timed.delete(rec);
      }
    },
  };
  const total = warmup + seconds;
  const t0 = now();
  let sent = 0;
  let rr = 0;
  let measureStart = 0;
  let m;
  while (true) {
    const elapsed = (now() - t0) / 1000;
    if (elapsed >= total) break;
    if (!measuring && elapsed >= warmup) {
      measuring = true;
      measureStart = now();
      m = meter(config.serverPid);
    }
    const due = Math.floor(elapsed * rate) - sent;
    for (let k = 0; k < due; k++) {
      let v = senders[rr++ % senders.length];
      for (let tries = 0; v.closed && tries < senders.length; tries++) v = senders[rr++ % senders.length];
      const rec = v.send();
      sent++;
      if (measuring) {
        rec.timed = true;
        timed.add(rec);
        sentTimed++;
      }
    }
    await sleep(1);
  }
  const measured = (now() - measureStart) / 1000;
  const cpu = m();
  // Open loop: an overloaded server has a backlog. Let it catch up (bounded) so that the slowest
  // messages count in the percentiles and the next phase starts clean.
  await drain(config.drainMs);
  const lost = timed.size; // timed messages not acked and delivered to every staff socket in time
  pending.clear();
  for (const v of senders) v.inFlight = 0;
  phase = null;
  return {
    rate,
    senders: senders.length,
    perSenderRate: rate / senders.length,
    seconds: Math.round(measured * 100) / 100,
    achievedRate: Math.round(sentTimed / measured),
    sent: sentTimed,
    refused,
    lost,
    delivery: delivery.summary(),
    ack: ack.summary(),
    worstBySecond: worstBySecond.map((v) => Math.round(v)),
    ...cpu,
  };
}

/**
 * Closed loop: each sender keeps up to `window` messages in flight; with `pace` ({rate, burst}) it
 * also stays within that many messages a second, like a client that respects the hub's limit.
 * A refused send (rate_limited) is dropped and the sender waits `backoffMs` before sending again.
 */
async function throughputPhase(senders, window, seconds, warmup, pace, backoffMs = 200) {
  let completed = 0;
  let refused = 0;
  let measuring = false;
  let stopped = false;
  const delivery = new Samples();
  const buckets = new Map();
  const timers = new Set();
  const later = (fn, ms) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const take = (v) => {
    if (!pace) return 0;
    let b = buckets.get(v);
    const t = now();
    if (!b) buckets.set(v, (b = { tokens: pace.burst, last: t }));
    b.tokens = Math.min(pace.burst, b.tokens + ((t - b.last) / 1000) * pace.rate);
    b.last = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return ((1 - b.tokens) / pace.rate) * 1000 + 1; // ms until the next token
  };
  const pump = (v) => {
    if (stopped || v.closed || v.blocked) return;
    while (v.inFlight < window) {
      const wait = take(v);
      if (wait > 0) {
        v.blocked = true;
        later(() => {
          v.blocked = false;
          pump(v);
        }, wait);
        return;
      }
      v.send();
    }
  };
  phase = {
    onSlot: pump,
    onDelivery(rec, t) {
      if (measuring) delivery.push(t - rec.t0);
    },
    onComplete() {
      if (measuring) completed++;
    },
    onRefused(rec, v) {
      if (measuring) refused++;
      v.blocked = true;
      later(() => {
        v.blocked = false;
        pump(v);
      }, backoffMs);
    },
  };
  for (const v of senders) pump(v);
  await sleep(warmup * 1000);
  measuring = true;
  const start = now();
  const m = meter(config.serverPid);
  const staffAtStart = staffSockets.reduce((n, s) => n + s.received, 0);
  await sleep(seconds * 1000);
  measuring = false;
  const measured = (now() - start) / 1000;
  const cpu = m();
  const staffFrames = staffSockets.reduce((n, s) => n + s.received, 0) - staffAtStart;
  stopped = true;
  for (const t of timers) clearTimeout(t);
  timers.clear();
  await drain(config.drainMs);
  pending.clear();
  for (const v of senders) {
    v.inFlight = 0;
    v.blocked = false;
  }
  phase = null;
  return {
    senders: senders.length,
    window,
    pace: pace ?? null,
    seconds: Math.round(measured * 100) / 100,
    completed,
    perSecond: Math.round(completed / measured),
    staffFramesPerSecond: Math.round(staffFrames / measured),
    refused,
    refusedPerSecond: Math.round(refused / measured),
    delivery: delivery.summary(),
    ...cpu,
  };
}

// ---------------------------------------------------------------- main

const staffSockets = [];
const allVisitors = [];

async function signIn() {
  const tokens = [];
  for (let i = 0; i < config.staff; i++) {
    const res = await fetch(`${config.baseUrl}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...config.signIn, mode: 'token' }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status} ${await res.text()}`);
    const body = await res.json();
    if (!body.token) throw new Error('sign-in answered without a token');
    tokens.push(body.token);
  }
  return tokens;
}

async function run() {
  const result = { target: config.target, phases: {} };
  const phases = new Set(config.phases);
  const pid = config.serverPid;

  // setup: staff first (the hub tells every visitor when staff come online: keep that out of the way).
  const tokens = config.signIn ? await signIn() : Array(config.staff).fill(null);
  for (let i = 0; i < config.staff; i++) staffSockets.push(await new Staff(i, tokens[i]).open());
  const poolSize = Math.max(config.latencySenders, config.senders);
  const senders = await openVisitors(poolSize, 0, config.connectConcurrency);
  allVisitors.push(...senders);
  log(`${config.staff} staff and ${senders.length} sender sockets connected; priming conversations`);
  await primeSenders(senders);
  result.rssStartKB = rssKB(pid);

  let idle = [];
  if (phases.has('idle') || phases.has('latency')) {
    await sleep(1000);
    await waitQuiet('idle');
    const before = await settledRss(pid);
    const t = now();
    idle = await openVisitors(config.idle, poolSize, config.connectConcurrency);
    allVisitors.push(...idle);
    const connectSeconds = (now() - t) / 1000;
    await sleep(1500);
    const after = await settledRss(pid);
    result.phases.idle = {
      idle: idle.length,
      beforeKB: before,
      afterKB: after,
      perConnectionKB: Math.round(((after - before) / Math.max(1, idle.length)) * 100) / 100,
      connectSeconds: Math.round(connectSeconds * 100) / 100,
      connectsPerSecond: Math.round(idle.length / connectSeconds),
    };
    log(`idle: ${idle.length} sockets in ${connectSeconds.toFixed(1)} s; RSS ${before} -> ${after} kB ` +
      `= ${result.phases.idle.perConnectionKB} kB each`);
  }

  if (phases.has('latency')) {
    result.phases.latency = [];
    const latencySenders = senders.slice(0, config.latencySenders);
    for (const rate of config.rates) {
      await waitQuiet(`latency @ ${rate}/s`);
      const r = await latencyPhase(latencySenders, rate, config.latencySeconds, config.warmupSeconds);
      r.idleConnected = idle.filter((v) => !v.closed).length;
      result.phases.latency.push(r);
      log(`latency @ ${rate}/s (${r.idleConnected} idle): delivery p50 ${r.delivery.p50} ms, p99 ${r.delivery.p99} ms; ` +
        `achieved ${r.achievedRate}/s, refused ${r.refused}, lost ${r.lost}; CPU server ${r.serverCpuPct.toFixed(0)}%, ` +
        `others ${r.otherCpuPct.toFixed(0)}%`);
      if (r.delivery.max > 100) log(`  worst latency (ms) of the messages sent in each second: ${r.worstBySecond.join(' ')}`);
      await sleep(500);
    }
  }

  if (idle.length) {
    for (const v of idle) v.close();
    const deadline = now() + 10_000;
    while (idle.some((v) => !v.closed) && now() < deadline) await sleep(50);
    idle = [];
    await sleep(500);
  }

  if (phases.has('throughput')) {
    await waitQuiet('throughput');
    const r = await throughputPhase(senders.slice(0, config.senders), config.window, config.seconds, config.warmupSeconds, null);
    result.phases.throughput = r;
    log(`throughput (${r.senders} senders, window ${r.window}): ${r.perSecond} msg/s acked+delivered, ` +
      `${r.refusedPerSecond}/s refused; CPU server ${r.serverCpuPct.toFixed(0)}%, client ${r.clientCpuPct.toFixed(0)}%, others ${r.otherCpuPct.toFixed(0)}%`);
  }

  if (phases.has('capacity') && config.capacitySenders > 0) {
    const extra = config.capacitySenders - senders.length;
    const more = extra > 0 ? await openVisitors(extra, poolSize + config.idle, config.connectConcurrency) : [];
    allVisitors.push(...more);
    if (more.length) await primeSenders(more);
    await sleep(1000); // let the bucket of every sender fill up again
    await waitQuiet('capacity');
    const pool = [...senders, ...more].slice(0, config.capacitySenders);
    const r = await throughputPhase(pool, config.capacityWindow, config.seconds, config.warmupSeconds, config.capacityPace);
    result.phases.capacity = r;
    log(`capacity (${r.senders} senders at <= ${config.capacityPace.rate}/s each): ${r.perSecond} msg/s acked+delivered, ` +
      `${r.refusedPerSecond}/s refused; CPU server ${r.serverCpuPct.toFixed(0)}%, client ${r.clientCpuPct.toFixed(0)}%, others ${r.otherCpuPct.toFixed(0)}%`);
  }

  result.rssEndKB = rssKB(pid);
  result.errors = Object.fromEntries(errors);
  return result;
}

function closeAll() {
  closingAll = true;
  for (const v of allVisitors) v.ws?.terminate();
  for (const s of staffSockets) s.ws?.terminate();
}

process.on('message', (msg) => {
  if (msg?.type !== 'start') return;
  config = msg.config;
  const watchdog = setTimeout(() => {
    process.send?.({ type: 'failed', error: `load client exceeded its time limit (${config.maxSeconds} s)` });
    process.exit(3);
  }, config.maxSeconds * 1000);
  run()
    .then((result) => {
      closeAll();
      process.send({ type: 'result', result }, () => process.exit(0));
    })
    .catch((error) => {
      closeAll();
      process.send({ type: 'failed', error: String(error?.stack ?? error), errors: Object.fromEntries(errors) }, () => process.exit(2));
    })
    .finally(() => clearTimeout(watchdog));
});
// The benchmark went away: do not outlive it.
process.on('disconnect', () => process.exit(4));
