import fp from 'fastify-plugin';
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import { databaseFile, migrateDatabase, openDatabase, type Database } from './database.js';

/** Checkpoints in a worker on a file database; on an in-memory one (nothing to copy to disk) on a timer here. */
function startCheckpoints(database: Database, intervalMs: number, log: FastifyBaseLogger): { stop(): Promise<void> } {
  const file = database.sqlite.name;
  if (database.sqlite.memory || !file) {
    const timer = setInterval(() => database.sqlite.pragma('wal_checkpoint(PASSIVE)'), intervalMs);
    timer.unref();
    return { stop: async () => clearInterval(timer) };
  }
  // Two folders up from src/storage and dist/storage alike.
  const worker = new Worker(new URL('../../workers/checkpoint-worker.mjs', import.meta.url), { workerData: { file, intervalMs } });
  worker.unref();
  let exited = false;
  worker.once('exit', () => (exited = true));
  worker.on('message', (message: { type: string; message?: string }) => {
    if (message.type === 'error') log.warn({ reason: message.message }, 'WAL checkpoint failed');
  });
  worker.on('error', (error) => log.warn({ err: error }, 'the checkpoint worker stopped'));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        // Referenced again while it stops: otherwise a process with nothing else left to do would
        // exit here, before the caller's next step (the CLI printing its result).
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage({ type: 'stop' });
      }),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    storage: Database;
  }
}

export interface StoragePluginOptions {
  /** An already opened database (tests, CLI); otherwise one is opened in the data folder. */
  database?: Database;
}

/**
 * Opens the database, applies migrations, and checkpoints the WAL from a timer in a worker
 * thread, so request and socket handling never pay for it. Closes both when the app closes.
 */
export default fp<StoragePluginOptions>(
  async (app, options) => {
    const database = options.database ?? openDatabase(databaseFile(app.config.dataDir));
    migrateDatabase(database);
    app.decorate('storage', database);

    const checkpoints = startCheckpoints(database, app.config.storage.checkpointIntervalMs, app.log);

    app.addHook('onClose', async () => {
      await checkpoints.stop();
      database.close();
    });
  },
  { name: 'storage', dependencies: ['config'] },
);
