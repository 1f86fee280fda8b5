/**
 * Reconnect delays: exponential with full jitter, so thousands of visitors whose hub restarted
 * do not all come back in the same millisecond.
 */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(initialMs / 2 + random() * (ceiling - initialMs / 2));
}
