import type { Statement } from 'better-sqlite3';
import type { Database } from './database.js';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes queued in the same event-loop turn run in one transaction, so a burst of
 * messages pays for one commit instead of one each. Each write runs in its own savepoint: one that
 * throws is rolled back alone and rejects alone, the others still commit (unless the failure ended
 * the transaction itself: then the whole batch rejects, nothing written).
 *
 * Promises resolve only once the commit is on disk, which is what lets the hub acknowledge on
 * resolve. The fsync for that runs in the thread pool (`Database.durable`), shared by every batch
 * committed meanwhile; the next batch is already being written while the last one is synced.
 */
export class GroupCommitter {
  #queue: Pending[] = [];
  #scheduled = false;

  /**
   * @param maxBatch Writes per transaction at most. Under overload an unbounded batch would hold
   *   the event loop for seconds (every socket stalls, acks come in waves); the rest of the queue
   *   waits for the next turn, after the sockets have had theirs.
   */
  // One savepoint per write, from statements prepared once (a better-sqlite3 nested transaction
  // builds its wrapper on every call).
  readonly #savepoint: Statement;
  readonly #release: Statement;
  readonly #rollbackTo: Statement;

  constructor(
    private readonly database: Database,
    private readonly maxBatch = 256,
  ) {
    const { sqlite } = database;
    this.#savepoint = sqlite.prepare('SAVEPOINT group_commit_write');
    this.#release = sqlite.prepare('RELEASE group_commit_write');
    this.#rollbackTo = sqlite.prepare('ROLLBACK TO group_commit_write');
  }

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    const batch = this.#queue.splice(0, this.maxBatch);
    this.#scheduled = this.#queue.length > 0;
    if (this.#scheduled) setImmediate(() => this.#flush());
    const { sqlite } = this.database;
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.database.transactionWithoutSync(() => {
        for (const item of batch) {
          this.#savepoint.run();
          try {
            const value = item.work();
            this.#release.run();
            outcomes.push({ ok: true, value });
          } catch (error) {
            // Some failures (I/O errors, a full disk, RAISE(ROLLBACK)) end the whole transaction, not
            // just the savepoint. Going on would run the remaining writes outside any transaction,
            // each committing alone while being reported as failed: give the whole batch up instead.
            if (!sqlite.inTransaction) throw error;
            this.#rollbackTo.run();
            this.#release.run();
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    this.database.durable().then(
      () =>
        batch.forEach((item, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) item.resolve(outcome.value);
          else item.reject(outcome.error);
        }),
      // Committed but maybe not on disk: nobody may be told it happened. A retry of a message
      // finds it stored (same clientMsgId) and gets the ack then.
      (error: unknown) => {
        for (const item of batch) item.reject(error);
      },
    );
  }
}
