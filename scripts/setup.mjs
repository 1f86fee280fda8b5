#!/usr/bin/env node
// Prepares a checkout to run: installs the workspace's dependencies and builds every package.
// Both steps are quick when nothing changed, so `pnpm start` and `pnpm test` always call it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env };
// better-sqlite3 compiles from source; node-gyp must find Node's headers. Debian's Node ships them
// under /usr, and pnpm does not pass `nodedir` from .npmrc through, so point node-gyp there.
if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) {
  env.npm_config_nodedir = '/usr';
}

function run(command, args) {
  console.log(`> pnpm ${args.slice(pre.length).join(' ')}`);
  try {
    execFileSync(command, args, { stdio: 'inherit', env });
  } catch {
    console.error(`setup failed at: pnpm ${args.slice(pre.length).join(' ')}`);
    process.exit(1);
  }
}

// Use the very pnpm that runs this script (it may be a native binary or a JS file), else the PATH's.
const execPath = process.env.npm_execpath ?? '';
const pnpm = !execPath.includes('pnpm')
  ? ['pnpm']
  : /\.[cm]?js$/.test(execPath)
    ? [process.execPath, execPath]
    : [execPath];
const [cmd, ...pre] = pnpm;

run(cmd, [...pre, 'install', ...(process.env.CI ? ['--frozen-lockfile'] : [])]);
run(cmd, [...pre, 'run', '--recursive', '--if-present', 'build']);
