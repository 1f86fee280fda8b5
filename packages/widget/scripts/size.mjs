#!/usr/bin/env node
// Prints the gzipped size of the script-tag bundle and fails the build when it exceeds the budget:
// the widget, Lit and the SDK client must stay small enough for any visitor's first page view.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const FILE = new URL('../dist/interact.js', import.meta.url);
const BUDGET_BYTES = 20 * 1024;

const source = readFileSync(FILE);
const gzipped = gzipSync(source, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

console.log(`dist/interact.js: ${kb(source.length)} minified, ${kb(gzipped)} gzipped (budget ${kb(BUDGET_BYTES)})`);
if (gzipped > BUDGET_BYTES) {
  console.error(`dist/interact.js is ${kb(gzipped - BUDGET_BYTES)} over the gzipped size budget`);
  process.exit(1);
}
