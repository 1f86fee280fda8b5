import { closeSync, fdatasync, openSync } from 'node:fs';

/**
 * Makes committed WAL frames durable from libuv's thread pool, so the thread serving the sockets
 * never waits on the disk. Commits that arrive while an fsync runs share the next one: under load
 * one fsync covers many group commits.
 *
 * Why this is enough: in WAL mode a commit only appends frames to the `-wal` file, so once that file
 * is synced every transaction committed before the sync started survives a power cut. Checkpoints
 * (which copy the WAL into the database file) sync on their own connection, with `synchronous=FULL`.
 */
export class WalSync {
  #fd: number | undefined;
  #closed = false;
  /** The fsync in progress. */
  #running: Promise<void> | undefined;
  /** The fsync that starts when the running one ends; every commit made meanwhile waits for it. */
  #queued: Promise<void> | undefined;

  constructor(
    /** The `-wal` file, or null for an in-memory database (nothing to sync). */
    private readonly file: string | null,
    private readonly syncFile: (fd: number, done: (error: Error | null) => void) => void = fdatasync,
  ) {}

  /** Resolves once every transaction committed before this call is on disk. */
  sync(): Promise<void> {
    if (this.file === null || this.#closed) return Promise.resolve();
    if (this.#queued) return this.#queued;
    // A running fsync may have started before the caller's commit: it does not cover it.
    if (this.#running) {
      const queued = this.#running
        .catch(() => undefined)
        .then(() => {
          this.#queued = undefined;
          return this.#begin();
        });
      this.#queued = queued;
      return queued;
    }
    return this.#begin();
  }

  /** Closes the file; the database's closing checkpoint has synced everything by then. */
  close(): void {
    this.#closed = true;
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }

  #begin(): Promise<void> {
    // Closed while queued: the closing checkpoint made it durable, and the descriptor is gone.
    if (this.#closed) return Promise.resolve();
    const running = new Promise<void>((resolve, reject) => {
      // Opened at the first sync: the WAL file exists from the first commit on, and keeps its
      // inode while the hub's connection is open (checkpoints truncate it, they never replace it).
      this.#fd ??= openSync(this.file!, 'r');
      this.syncFile(this.#fd, (error) => (error ? reject(error) : resolve()));
    }).finally(() => {
      if (this.#running === running) this.#running = undefined;
    });
    this.#running = running;
    return running;
  }
}
