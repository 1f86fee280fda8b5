// Runs WAL checkpoints on a connection of its own, in its own thread: copying the WAL into the
// database file, and its fsync, then never hold up the thread that serves the sockets.
// Plain JavaScript beside the build, so the hub finds it the same way from src/ (tests) and dist/.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const { file, intervalMs } = workerData;
const sqlite = new BetterSqlite3(file);
sqlite.pragma('busy_timeout = 1000');
sqlite.pragma('synchronous = FULL');
// As on the hub's connection: a WAL that grew under load is cut back once it starts over.
sqlite.pragma('journal_size_limit = 67108864');

const timer = setInterval(() => {
  try {
    // PASSIVE never waits for readers or writers; what it cannot copy now waits for the next tick.
    sqlite.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message?.type !== 'stop') return;
  clearInterval(timer);
  sqlite.close();
  parentPort?.close();
});
