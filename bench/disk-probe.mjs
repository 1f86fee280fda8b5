#!/usr/bin/env node
// The disk's own fsync latency, as a baseline for the hub's ack latency (every ack waits for an
// fsync of the WAL): appends CHUNK_KB and calls fdatasync every INTERVAL_MS for SECONDS, in a
// temporary file in DIR, and prints the latencies' percentiles as JSON.
//
//   node bench/disk-probe.mjs DIR [SECONDS] [CHUNK_KB] [INTERVAL_MS]
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

const [dir = '.', seconds = '8', chunkKB = '256', intervalMs = '10'] = process.argv.slice(2);
const folder = mkdtempSync(path.join(dir, 'interact-bench-disk-'));
const fd = openSync(path.join(folder, 'probe.bin'), 'w');
const chunk = Buffer.alloc(Number(chunkKB) * 1024, 1);
const latencies = [];
try {
  const end = Date.now() + Number(seconds) * 1000;
  let position = 0;
  while (Date.now() < end) {
    writeSync(fd, chunk, 0, chunk.length, position);
    position += chunk.length;
    const start = performance.now();
    fdatasyncSync(fd);
    latencies.push(performance.now() - start);
    const next = Date.now() + Number(intervalMs);
    while (Date.now() < next) await new Promise((resolve) => setTimeout(resolve, 1));
  }
} finally {
  closeSync(fd);
  rmSync(folder, { recursive: true, force: true });
}
latencies.sort((a, b) => a - b);
const at = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] * 100) / 100;
console.log(JSON.stringify({ count: latencies.length, p50: at(0.5), p99: at(0.99), max: at(1), bytesPerSecond: (chunk.length * 1000) / Number(intervalMs) }));
