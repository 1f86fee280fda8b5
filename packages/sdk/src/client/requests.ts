import type { ProtocolErrorCode } from '../protocol/errors.js';

/** An error the hub answered to a request. */
export class HubError extends Error {
  override name = 'HubError';
  constructor(
    readonly code: ProtocolErrorCode | 'disconnected' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

interface Waiting {
  resolve(): void;
  reject(error: HubError): void;
  timer: ReturnType<typeof setTimeout>;
}

/** Matches answers (`done` / `error` with a `ref`) to the requests that asked for them. */
export class RequestTracker {
  readonly #waiting = new Map<string, Waiting>();
  #next = 0;

  constructor(private readonly timeoutMs = 15_000) {}

  /** A fresh ref and the promise its answer settles. */
  start(): { ref: string; done: Promise<void> } {
    const ref = `r${++this.#next}`;
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(ref);
        reject(new HubError('timeout', 'The hub did not answer in time.'));
      }, this.timeoutMs);
      this.#waiting.set(ref, { resolve, reject, timer });
    });
    return { ref, done };
  }

  resolve(ref: string): void {
    const waiting = this.#waiting.get(ref);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.#waiting.delete(ref);
    waiting.resolve();
  }

  reject(ref: string, error: HubError): boolean {
    const waiting = this.#waiting.get(ref);
    if (!waiting) return false;
    clearTimeout(waiting.timer);
    this.#waiting.delete(ref);
    waiting.reject(error);
    return true;
  }

  /** The socket dropped: nobody will answer these. */
  rejectAll(error: HubError): void {
    for (const ref of [...this.#waiting.keys()]) this.reject(ref, error);
  }
}
