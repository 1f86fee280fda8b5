import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../src/storage/time-ordered-id.js';

describe('timeOrderedId', () => {
  it('is a UUIDv7 carrying the time, so ids sort by creation time across milliseconds', () => {
    const id = timeOrderedId(Date.UTC(2026, 10, 26, 12, 0, 0, 5));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace('-', '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 26, 12, 0, 0, 5));
    const ids = [0, 1, 2, 1000, 86_400_000].map((offset) => timeOrderedId(Date.UTC(2026, 0, 1) + offset));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs between ids made in the same millisecond', () => {
    const now = Date.now();
    expect(new Set(Array.from({ length: 1000 }, () => timeOrderedId(now))).size).toBe(1000);
  });
});
