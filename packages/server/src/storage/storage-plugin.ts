import fp from 'fastify-plugin';
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import { databaseFile, migrateDatabase, openDatabase, type Database } from './database.js';
import { GroupCommitter } from './group-commit.js';
import { MessageWriterThread } from './message-writer-thread.js';

interface CheckpointSettings {
  intervalMs: number;
  walLimitBytes: number;
}

/**
 * Longest the live chat's writes are held for the WAL to start over. The worker's checkpoint
 * usually takes a few milliseconds; when the disk is slow it takes longer, and then the writes go
 * on and the WAL starts over another time.
 */
const HOLD_TIMEOUT_MS = 50;

/**
 * Checkpoints in a worker on a file database; on an in-memory one (nothing to copy to disk) on a
 * timer here. When the WAL has grown past the limit, the worker asks for the committer's writes to
 * be held while it catches up; the WAL then starts over (see workers/checkpoint-worker.mjs).
 */
function startCheckpoints(
  database: Database,
  committer: GroupCommitter,
  { intervalMs, walLimitBytes }: CheckpointSettings,
  log: FastifyBaseLogger,
): { stop(): Promise<void> } {
  const file = database.sqlite.name;
  if (database.sqlite.memory || !file) {
    const timer = setInterval(() => database.sqlite.pragma('wal_checkpoint(PASSIVE)'), intervalMs);
    timer.unref();
    return { stop: async () => clearInterval(timer) };
  }
  // Two folders up from src/storage and dist/storage alike.
  const worker = new Worker(new URL('../../workers/checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, intervalMs, walLimitBytes },
  });
  worker.unref();
  let exited = false;
  let releaseWrites: (() => void) | undefined;
  const release = () => {
    releaseWrites?.();
    releaseWrites = undefined;
  };
  worker.once('exit', () => {
    exited = true;
    release();
  });
  worker.on('message', (message: { type: string; message?: string }) => {
    if (message.type === 'error') log.warn({ reason: message.message }, 'WAL checkpoint failed');
    if (message.type === 'hold-writes') {
      // From here on nothing of the live chat starts to commit until the WAL has started over, or
      // the timeout lets the writes go on regardless. The batches already in the writer thread
      // commit first; the timeout counts from then.
      const held = committer.hold();
      releaseWrites = held;
      void committer.settled().then(() => {
        if (releaseWrites !== held) return worker.postMessage({ type: 'go-on' });
        setTimeout(() => releaseWrites === held && release(), HOLD_TIMEOUT_MS).unref();
        worker.postMessage({ type: 'writes-held' });
      });
    }
    if (message.type === 'caught-up') {
      // Only while the writes are still held: then everything is in the database file, synced,
      // and this only starts the WAL over. Otherwise it would copy and sync on this thread.
      if (releaseWrites) {
        try {
          database.sqlite.pragma('wal_checkpoint(RESTART)');
        } catch (error) {
          log.warn({ err: error }, 'the WAL could not start over');
        }
        release();
      }
      worker.postMessage({ type: 'go-on' });
    }
  });
  worker.on('error', (error) => log.warn({ err: error }, 'the checkpoint worker stopped'));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        release();
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
    /** Group commit for the live chat's writes: each resolves once it is on disk. */
    committer: GroupCommitter;
  }
}

export interface StoragePluginOptions {
  /** An already opened database (tests, CLI); otherwise one is opened in the data folder. */
  database?: Database;
}

/**
 * Opens the database, applies migrations, stores the live chat's messages in a thread of their
 * own, and checkpoints the WAL from a timer in another, so request and socket handling never pay
 * for either. Closes them all when the app closes.
 */
export default fp<StoragePluginOptions>(
  async (app, options) => {
    const { checkpointIntervalMs, walLimitBytes } = app.config.storage;
    const database = options.database ?? openDatabase(databaseFile(app.config.dataDir), { walLimitBytes });
    migrateDatabase(database);
    // On a file database, messages are stored in a thread of their own (see GroupCommitter).
    const file = database.sqlite.memory ? undefined : database.sqlite.name;
    const writer = file
      ? new MessageWriterThread(file, walLimitBytes, (error) => app.log.error({ err: error }, 'the message writer thread failed'))
      : undefined;
    const committer = new GroupCommitter(database, undefined, writer);
    app.decorate('storage', database);
    app.decorate('committer', committer);

    const checkpoints = startCheckpoints(database, committer, { intervalMs: checkpointIntervalMs, walLimitBytes }, app.log);

    app.addHook('onClose', async () => {
      // Writes queued from here on run on the main connection, until it closes.
      await committer.settled();
      await writer?.stop();
      await checkpoints.stop();
      database.close();
    });
  },
  { name: 'storage', dependencies: ['config'] },
);
