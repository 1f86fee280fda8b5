import { performance } from 'node:perf_hooks';
import type { Statement } from 'better-sqlite3';
import {
  messageWrites,
  type ConversationMessageWrite,
  type MessageWrite,
  type MessageWrites,
  type StoredMessageRef,
  type VisitorMessageStored,
  type VisitorMessageWrite,
} from '../../workers/message-writes.mjs';
import type { Database } from './database.js';
import type { MessageWriterThread } from './message-writer-thread.js';

/** A write waiting for its transaction: a function run here, or a message write, run anywhere. */
type Pending = ({ work: () => unknown; message?: undefined } | { work?: undefined; message: MessageWrite }) & {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitLimits {
  /** Writes per transaction at most. */
  maxBatch: number;
  /**
   * Milliseconds a transaction may keep taking writes; the write that crosses it is the last.
   * Under overload one large batch writes fewer pages per write than several small ones (more
   * messages per second), but it holds the event loop: every socket waits meanwhile. A batch for
   * the writer thread holds no event loop and is bounded by `maxBatch` only.
   */
  budgetMs: number;
}

/**
 * Group commit: writes queued in the same event-loop turn run in one transaction, so a burst of
 * messages pays for one commit instead of one each. A write that throws is rolled back alone and
 * rejects alone, the others still commit (each runs in a savepoint of its own; in the writer
 * thread, only when one failed and the batch runs again), unless the failure ended the
 * transaction itself: then the writes it had run reject, none of them written, and the rest wait
 * for the next transaction. What does not fit in a batch (see GroupCommitLimits) waits for
 * the next turn, after the sockets have had theirs; while the committer is held, everything waits.
 *
 * Message writes (`writeMessage`) run in the message writer thread when there is one: storing a
 * message is about half of the hub's work for it, and there it runs beside the sockets' thread
 * instead of on it. Writes still commit in the order they were queued, one transaction at a time:
 * a run of message writes goes to the thread as one batch (the thread runs its batches in turn),
 * and a transaction here starts only once the thread has committed every batch it was given.
 *
 * Promises resolve only once the commit is on disk, which is what lets the hub acknowledge on
 * resolve. The fsync for that runs in the thread pool (`Database.durable`), shared by every batch
 * committed meanwhile; the next batch is already being written while the last one is synced.
 */
export class GroupCommitter {
  #queue: Pending[] = [];
  #scheduled = false;
  #holds = 0;
  /** Batches handed to the writer thread, and those it has answered (in the order handed). */
  #posted = 0;
  #answered = 0;
  /** settled() callers: each waits until `#answered` reaches its count. */
  #settleWaiters: Array<{ until: number; resolve: () => void }> = [];
  #inProcessWrites: MessageWrites | undefined;
  // One savepoint per write, from statements prepared once (a better-sqlite3 nested transaction
  // builds its wrapper on every call).
  readonly #savepoint: Statement;
  readonly #release: Statement;
  readonly #rollbackTo: Statement;

  constructor(
    private readonly database: Database,
    // Measured on the bench's capacity phase (2 cores): 1,024 writes per batch carried about 15%
    // more messages per second than 256; 25 ms bounds the pause whatever the writes cost.
    private readonly limits: GroupCommitLimits = { maxBatch: 1024, budgetMs: 25 },
    private readonly writer?: MessageWriterThread,
  ) {
    const { sqlite } = database;
    this.#savepoint = sqlite.prepare('SAVEPOINT group_commit_write');
    this.#release = sqlite.prepare('RELEASE group_commit_write');
    this.#rollbackTo = sqlite.prepare('ROLLBACK TO group_commit_write');
  }

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  /** Stores a message (see workers/message-writes.mjs); resolves with where it was stored. */
  writeMessage(message: VisitorMessageWrite): Promise<VisitorMessageStored>;
  writeMessage(message: ConversationMessageWrite): Promise<StoredMessageRef | null>;
  writeMessage(message: MessageWrite): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ message, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  /**
   * Keeps new transactions from starting, writes queueing meanwhile, until the returned function is
   * called: the storage holds writes while the WAL is made to start over. A batch already in the
   * writer thread still commits: `settled()` tells when it has.
   */
  hold(): () => void {
    this.#holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds -= 1;
      this.#schedule();
    };
  }

  /**
   * Resolves once the writer thread has answered every batch it has now. Batches handed to it later
   * are not waited for: under steady load there is always one, and this would never resolve.
   */
  settled(): Promise<void> {
    const until = this.#posted;
    if (this.#answered >= until) return Promise.resolve();
    return new Promise((resolve) => this.#settleWaiters.push({ until, resolve }));
  }

  get #inThread(): number {
    return this.#posted - this.#answered;
  }

  /**
   * Whether the write at the front may start now. Message writes go to the thread while it has
   * fewer than two batches: it starts the next as soon as it has committed one, without waiting
   * for this thread's next turn. Anything else waits until the thread has answered every batch.
   */
  #mayStart(): boolean {
    const front = this.#queue[0];
    if (!front || this.#holds > 0) return false;
    if (front.message && this.writer?.available) return this.#inThread < 2;
    return this.#inThread === 0;
  }

  #schedule(): void {
    if (this.#scheduled || !this.#mayStart()) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (!this.#mayStart()) return;
      this.#flush();
      this.#schedule();
    });
  }

  #flush(): void {
    if (this.#queue[0]?.message && this.writer?.available) return this.#flushToWriter();
    const candidates: Pending[] = [];
    for (const item of this.#queue) {
      // A run of message writes waits for the thread, unless the thread is gone.
      if (candidates.length === this.limits.maxBatch || (item.message && this.writer?.available)) break;
      candidates.push(item);
    }
    const { taken, outcomes, failure } = this.#commit(candidates);
    const batch = this.#queue.splice(0, taken);
    if (failure) {
      for (const item of batch) item.reject(failure.error);
      return;
    }
    this.#settleWhenDurable(batch, outcomes);
  }

  /** Hands the run of message writes at the front of the queue to the writer thread. */
  #flushToWriter(): void {
    let count = 0;
    while (count < this.limits.maxBatch && this.#queue[count]?.message) count += 1;
    const batch = this.#queue.splice(0, count);
    this.#posted += 1;
    const done = () => {
      this.#answered += 1;
      const answered = this.#answered;
      for (const waiter of this.#settleWaiters) if (waiter.until <= answered) waiter.resolve();
      this.#settleWaiters = this.#settleWaiters.filter((waiter) => waiter.until > answered);
      this.#schedule();
    };
    this.writer!.write(batch.map((item) => item.message!)).then(
      (outcomes) => {
        done();
        this.#settleWhenDurable(batch, outcomes);
      },
      (error: unknown) => {
        done();
        for (const item of batch) item.reject(error);
      },
    );
  }

  #settleWhenDurable(batch: Pending[], outcomes: Outcome[]): void {
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

  /** Runs a message write on this thread's connection (no writer thread, or it stopped). */
  #applyHere(message: MessageWrite): unknown {
    this.#inProcessWrites ??= messageWrites(this.database.sqlite);
    return this.#inProcessWrites.apply(message);
  }

  /**
   * Runs writes from the front of `candidates` in one transaction, each in a savepoint of its own,
   * until the time budget is spent. `taken` writes ran; `failure` when the transaction as a whole
   * failed, and then none of them was written.
   */
  #commit(candidates: Pending[]): { taken: number; outcomes: Outcome[]; failure?: { error: unknown } } {
    const { sqlite } = this.database;
    const outcomes: Outcome[] = [];
    let taken = 0;
    try {
      this.database.transactionWithoutSync(() => {
        const deadline = performance.now() + this.limits.budgetMs;
        for (const item of candidates) {
          taken += 1;
          this.#savepoint.run();
          try {
            const value = item.message ? this.#applyHere(item.message) : item.work!();
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
          if (performance.now() > deadline) break;
        }
      });
    } catch (error) {
      return { taken, outcomes, failure: { error } };
    }
    return { taken, outcomes };
  }
}
