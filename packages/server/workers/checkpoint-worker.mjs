// Runs WAL checkpoints on a connection of its own, in its own thread: copying the WAL into the
// database file, and its fsync, then never hold up the thread that serves the sockets.
// Plain JavaScript beside the build, so the hub finds it the same way from src/ (tests) and dist/.
//
// The WAL starts over only when a writer finds every frame of it copied. Under steady writes a
// PASSIVE checkpoint rarely manages that (a newer commit lands while it runs), and the file grows
// for as long as the load lasts. Past `walLimitBytes` this worker asks the hub to hold its writes
// ('hold-writes'), copies the rest while nothing commits and says so ('caught-up'); the hub then
// starts the WAL over, with nothing left to copy or sync, and lets the writes go on ('go-on').
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const { file, intervalMs, walLimitBytes } = workerData;
const sqlite = new BetterSqlite3(file);
sqlite.pragma('busy_timeout = 1000');
sqlite.pragma('synchronous = FULL');
const pageSize = sqlite.pragma('page_size', { simple: true });
/** Between 'hold-writes' and 'go-on': no checkpoint of the timer's in between. */
let makingRoom = false;

function checkpoint() {
  try {
    // PASSIVE never waits for readers or writers; what it cannot copy now waits for the next tick.
    const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)');
    return result;
  } catch (error) {
    parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

const timer = setInterval(() => {
  if (makingRoom) return;
  const result = checkpoint();
  if (result && result.log * pageSize > walLimitBytes) {
    makingRoom = true;
    parentPort?.postMessage({ type: 'hold-writes' });
  }
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message?.type === 'writes-held') {
    checkpoint();
    parentPort?.postMessage({ type: 'caught-up' });
  } else if (message?.type === 'go-on') {
    makingRoom = false;
  } else if (message?.type === 'stop') {
    clearInterval(timer);
    sqlite.close();
    parentPort?.close();
  }
});
