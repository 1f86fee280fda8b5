import { Worker } from 'node:worker_threads';
import type { MessageWrite } from '../../workers/message-writes.mjs';
import type { Outcome } from './group-commit.js';

interface WorkerError {
  message: string;
  code?: string;
}

type Reply =
  | { type: 'committed'; batch: number; outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: WorkerError }> }
  | { type: 'failed'; batch: number; error: WorkerError };

function toError({ message, code }: WorkerError): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

/**
 * The thread that stores the live chat's messages (workers/message-writer.mjs), on a connection of
 * its own to the same database file. `write` resolves once a batch has committed, not once it is on
 * disk: the committer waits for the fsync. When the thread stops, what it had not answered is
 * rejected, and `available` turns false so later writes run on the main connection.
 */
export class MessageWriterThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (outcomes: Outcome[]) => void; reject: (error: unknown) => void }>();
  #nextBatch = 1;
  #available = true;
  #exited = false;

  constructor(file: string, walLimitBytes: number, onError: (error: unknown) => void) {
    // Two folders up from src/storage and dist/storage alike.
    this.#worker = new Worker(new URL('../../workers/message-writer.mjs', import.meta.url), {
      workerData: { file, walLimitBytes },
    });
    this.#worker.unref();
    this.#worker.on('message', (json: string) => {
      const reply = JSON.parse(json) as Reply;
      const pending = this.#pending.get(reply.batch);
      if (!pending) return;
      this.#pending.delete(reply.batch);
      if (reply.type === 'failed') return pending.reject(toError(reply.error));
      pending.resolve(reply.outcomes.map((o) => (o.ok ? o : { ok: false, error: toError(o.error) })));
    });
    this.#worker.on('error', onError);
    this.#worker.once('exit', () => {
      this.#exited = true;
      this.#available = false;
      const stopped = new Error('the message writer thread stopped before it answered');
      for (const { reject } of this.#pending.values()) reject(stopped);
      this.#pending.clear();
    });
  }

  get available(): boolean {
    return this.#available;
  }

  write(writes: MessageWrite[]): Promise<Outcome[]> {
    if (!this.#available) return Promise.reject(new Error('the message writer thread has stopped'));
    const batch = this.#nextBatch++;
    return new Promise((resolve, reject) => {
      this.#pending.set(batch, { resolve, reject });
      // As JSON: for batches of small objects, the thread parses JSON in about half the time the
      // structured clone takes to rebuild them, and this side pays about the same either way.
      this.#worker.postMessage(JSON.stringify({ type: 'batch', batch, writes }));
    });
  }

  /** Closes the thread's connection; a batch it is running still commits and is answered first. */
  stop(): Promise<void> {
    this.#available = false;
    if (this.#exited) return Promise.resolve();
    return new Promise((resolve) => {
      // Referenced while it stops, so the process does not exit before the thread has.
      this.#worker.ref();
      this.#worker.once('exit', () => resolve());
      this.#worker.postMessage(JSON.stringify({ type: 'stop' }));
    });
  }
}
