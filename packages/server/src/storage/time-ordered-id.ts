import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Rows keyed by it are
 * appended at the end of their index instead of landing on a random page of it.
 *
 * Made from a v4 UUID (random bits from Node's pooled generator) with the time and version put
 * in front: the `uuid` package draws fresh random bytes for every id, which cost 7% of the hub's
 * CPU under load.
 */
export function timeOrderedId(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  // A v4 UUID is xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep what follows its version digit,
  // including the variant bits.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
