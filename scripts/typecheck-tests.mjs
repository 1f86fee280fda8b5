#!/usr/bin/env node
// Type-checks the test files, which the packages' builds leave out (vitest runs them without a
// type check). Run by `pnpm test` after the build, whose type declarations the tests import.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const projects = ['packages/server/tsconfig.test.json', 'packages/widget/tsconfig.test.json', 'packages/portal/tsconfig.test.json', 'tests/tsconfig.json'];
const tsc = path.join(root, 'node_modules', '.bin', 'tsc');

let failed = false;
for (const project of projects) {
  try {
    execFileSync(tsc, ['-p', project], { cwd: root, stdio: 'inherit' });
  } catch {
    failed = true;
  }
}
if (failed) {
  console.error('the tests do not type-check (see above)');
  process.exit(1);
}
console.log(`> tests type-checked (${projects.length} projects)`);
