import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildHub, loadConfig, type ConfigInput } from '@interact/server';
import WebSocket from 'ws';

/** A port the OS says is free right now (the hub's public URL must be known before it listens). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningHub {
  hub: FastifyInstance;
  url: string;
  dataDir: string;
  /** Stops the hub; the data folder stays until `cleanup`. */
  stop(): Promise<void>;
  cleanup(): Promise<void>;
}

/** A real hub on loopback with a fresh data folder, as the `demo` command runs it. */
export async function startHub(
  options: { dataDir?: string; port?: number; demo?: boolean; config?: ConfigInput } = {},
): Promise<RunningHub> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'interact-e2e-'));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    env: {},
    overrides: { logLevel: 'warn', ...options.config, dataDir, host: '127.0.0.1', port, publicUrl: url, security: { scryptLogN: 12, ...options.config?.security } },
  });
  const hub = await buildHub(config, { demo: options.demo ?? true });
  await hub.listen({ host: '127.0.0.1', port });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await hub.close();
  };
  return {
    hub,
    url,
    dataDir,
    stop,
    cleanup: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A `ws` WebSocket class that sends a browser-like Origin header, for visitor clients in Node. */
export function webSocketFrom(origin: string): new (url: string) => WebSocket {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { origin } });
    }
  };
}

/** Waits until `check` returns a value, polling; fails with `what` after the timeout. */
export async function eventually<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
