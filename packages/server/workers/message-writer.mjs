// The message writer thread: runs batches of the live chat's message writes (message-writes.mjs)
// on a connection of its own, one transaction a batch, in the order the batches come. Storing
// messages is about half of the hub's work per message; here it runs beside the thread that reads
// and writes the sockets instead of on it. The hub's group committer (src/storage/group-commit.ts)
// runs no live chat write of its own while a batch is here; a request that writes on the hub's
// connection meanwhile waits for the lock (busy timeout), and so may this thread for one.
//
// The commit does not wait for the disk (synchronous=NORMAL): the hub answers nobody before its
// fsync of the WAL, which covers this connection's commits too (same file).
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { messageWrites } from './message-writes.mjs';

const { file, walLimitBytes } = workerData;
const sqlite = new BetterSqlite3(file);
sqlite.pragma('busy_timeout = 5000');
sqlite.pragma('synchronous = NORMAL');
sqlite.pragma('foreign_keys = ON');
sqlite.pragma('wal_autocheckpoint = 0');
sqlite.pragma(`journal_size_limit = ${Math.trunc(walLimitBytes)}`);
// The message path touches pages all over the conversation and message indexes.
sqlite.pragma('cache_size = -65536');

const writes = messageWrites(sqlite);
const savepoint = sqlite.prepare('SAVEPOINT message_write');
const release = sqlite.prepare('RELEASE message_write');
const rollbackTo = sqlite.prepare('ROLLBACK TO message_write');

/** What crosses to the hub of an error: its message and SQLite code. */
function describe(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  return { message: error.message, ...('code' in error ? { code: String(error.code) } : {}) };
}

/** Runs the batch; a write that throws is rolled back alone, unless it ended the transaction. */
const runBatchInSavepoints = sqlite.transaction((batch) =>
  batch.map((write) => {
    savepoint.run();
    try {
      const value = writes.apply(write);
      release.run();
      return { ok: true, value };
    } catch (error) {
      // I/O errors, a full disk and RAISE(ROLLBACK) end the whole transaction: give it all up.
      if (!sqlite.inTransaction) throw error;
      rollbackTo.run();
      release.run();
      return { ok: false, error: describe(error) };
    }
  }),
);

/** Thrown out of a fast batch to roll it back whole. */
class WriteFailed extends Error {}

/**
 * Runs the batch without a savepoint per write: two statements fewer per message, a tenth of this
 * thread's time. Writes rarely fail; when one does, the batch is rolled back whole and run again
 * with savepoints, where the failure stays with its write (the writes are plain SQL over what is
 * committed, so the second run does the same).
 */
const runBatchFast = sqlite.transaction((batch) =>
  batch.map((write) => {
    try {
      return { ok: true, value: writes.apply(write) };
    } catch (error) {
      throw new WriteFailed('a write failed', { cause: error });
    }
  }),
);

function runBatch(batch) {
  try {
    return runBatchFast.immediate(batch);
  } catch (error) {
    if (!(error instanceof WriteFailed)) throw error;
    return runBatchInSavepoints.immediate(batch);
  }
}

// Messages both ways are JSON strings: for many small objects, cheaper to read than a structured clone.
parentPort?.on('message', (json) => {
  const message = JSON.parse(json);
  if (message?.type === 'batch') {
    let reply;
    try {
      reply = { type: 'committed', batch: message.batch, outcomes: runBatch(message.writes) };
    } catch (error) {
      reply = { type: 'failed', batch: message.batch, error: describe(error) };
    }
    parentPort?.postMessage(JSON.stringify(reply));
  } else if (message?.type === 'stop') {
    sqlite.close();
    parentPort?.close();
  }
});
