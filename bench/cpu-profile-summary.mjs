#!/usr/bin/env node
// Summarises a V8 .cpuprofile (e.g. from `pnpm bench --only hub --cpu-prof DIR`): where the time
// went by function (self time) and by package / source file, so a profile can be read without
// DevTools.
//
//   node bench/cpu-profile-summary.mjs DIR/CPU.*.cpuprofile [--top 30] [--inclusive] [--stalls MS]
//
// --inclusive adds a table of total (self + callees) time per function, counted once per sample.
// --stalls MS lists instead the stretches of at least MS spent without a break in one function.
// --last S counts only the last S seconds of the profile (e.g. the timed phase, without the set-up).
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 30;
if (!file) {
  console.error('usage: node bench/cpu-profile-summary.mjs <file.cpuprofile> [--top N] [--inclusive]');
  process.exit(2);
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Time per sample: the profile's timeDeltas (microseconds) belong to the sample that follows them.
const selfUs = new Map();
const inclusiveUs = new Map();
let totalUs = 0;
const lastIndex = args.indexOf('--last');
const fromUs = lastIndex >= 0 ? profile.endTime - Number(args[lastIndex + 1]) * 1e6 : -Infinity;
let sampleUs = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  sampleUs += profile.timeDeltas[i] ?? 0;
  if (sampleUs < fromUs) continue;
  const id = profile.samples[i];
  totalUs += dt;
  selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  if (args.includes('--inclusive')) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const key = label(nodes.get(cur));
      if (seen.has(key)) continue;
      seen.add(key);
      inclusiveUs.set(key, (inclusiveUs.get(key) ?? 0) + dt);
    }
  }
}

function where(url) {
  if (!url) return '(native/vm)';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm) return pnpm[1];
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  const pkg = /packages\/([^/]+)\/(?:dist|src)\/(.+)$/.exec(url);
  if (pkg) return `@interact/${pkg[1]}: ${pkg[2]}`;
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '');
}
function label(node) {
  const f = node.callFrame;
  return `${f.functionName || '(anonymous)'}  ${where(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
}

const byFunction = new Map();
const byPlace = new Map();
for (const [id, us] of selfUs) {
  const node = nodes.get(id);
  const key = label(node);
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const place = node.callFrame.url ? where(node.callFrame.url) : node.callFrame.functionName || '(native/vm)';
  byPlace.set(place, (byPlace.get(place) ?? 0) + us);
}

const pct = (us) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
function print(title, map) {
  console.log(`\n${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)} ${pct(us)}  ${k}`);
}

// --stalls MS: stretches of at least MS where every sample sat in the same function (a blocking
// native call such as an fsync, a long GC, or one long JS task), with the stack that led there.
const stallsIndex = args.indexOf('--stalls');
function stalls(minMs) {
  const out = [];
  let start = 0;
  let runUs = 0;
  const flush = (i) => {
    if (runUs >= minMs * 1000) out.push({ at: start, us: runUs, id: profile.samples[i] });
  };
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const id = profile.samples[i];
    const name = nodes.get(id).callFrame.functionName;
    const same = i > 0 && id === profile.samples[i - 1] && name !== '(idle)' && name !== '(program)';
    if (same) runUs += dt;
    else {
      if (i > 0) flush(i - 1);
      start = t;
      runUs = dt;
    }
    t += dt;
  }
  out.sort((a, b) => b.us - a.us);
  console.log(`\nStretches of >= ${minMs} ms in one function: ${out.length}`);
  for (const s of out.slice(0, top)) {
    const stack = [];
    for (let cur = s.id; cur !== undefined && stack.length < 6; cur = parent.get(cur)) stack.push(label(nodes.get(cur)));
    console.log(`${(s.us / 1000).toFixed(0).padStart(6)} ms at +${((s.at - profile.startTime) / 1e6).toFixed(1)} s  ${stack.join('  <  ')}`);
  }
}

console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s sampled`);
if (stallsIndex >= 0) {
  stalls(Number(args[stallsIndex + 1] ?? 20));
  process.exit(0);
}
print('Self time by package / file', byPlace);
print('Self time by function', byFunction);
if (args.includes('--inclusive')) print('Total time (self + callees) by function', inclusiveUs);
