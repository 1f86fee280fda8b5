/**
 * Failed sign-in counts for addresses that have no user. They lock after the same number of
 * attempts as real users, so the "locked" answer cannot be used to find out which addresses exist.
 * Kept in memory and bounded: the oldest entries go first.
 */
export class UnknownAddressAttempts {
  readonly #counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly capacity = 10_000,
  ) {}

  /** Counts one attempt; returns its number in the streak, or null when already at the limit. */
  claim(key: string): number | null {
    const current = this.#counts.get(key) ?? 0;
    if (current >= this.limit) return null;
    this.#counts.delete(key);
    this.#counts.set(key, current + 1);
    if (this.#counts.size > this.capacity) {
      const oldest = this.#counts.keys().next().value;
      if (oldest !== undefined) this.#counts.delete(oldest);
    }
    return current + 1;
  }
}
