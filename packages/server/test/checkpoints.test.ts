import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { databaseFile } from '../src/storage/database.js';
import { buildTestHub } from './helper.js';

/**
 * Automatic checkpoints are off (they stall the write that triggers them); the hub's own ones run
 * from a timer in a worker thread. Pages reach the database file only through a checkpoint.
 */
describe('WAL checkpoints', () => {
  it('copy committed writes into the database file without any request asking for it', async () => {
    const hub = await buildTestHub({ storage: { checkpointIntervalMs: 50 } });
    const file = databaseFile(hub.config.dataDir);
    const insert = hub.storage.sqlite.prepare('INSERT INTO accounts (id, slug, name, plan, seat_count, timezone) VALUES (?, ?, ?, ?, 1, ?)');
    hub.storage.transaction(() => {
      for (let i = 0; i < 2000; i += 1) insert.run(`id-${i}`, `slug-${i}`, `Account number ${i} ${'x'.repeat(200)}`, 'hub', 'UTC');
    });
    const before = statSync(file).size;
    await expect.poll(() => statSync(file).size, { timeout: 5_000 }).toBeGreaterThan(before + 200_000);
  });

  it('stops with the hub, leaving nothing running', async () => {
    const hub = await buildTestHub();
    await hub.close();
    expect(hub.storage.sqlite.open).toBe(false);
  });
});

describe('a WAL under steady writes', () => {
  it('starts over once it passes its limit instead of growing for as long as the writes go on', async () => {
    const walLimitBytes = 256 * 1024;
    const hub = await buildTestHub({ storage: { checkpointIntervalMs: 20, walLimitBytes } });
    const wal = `${databaseFile(hub.config.dataDir)}-wal`;
    const { sqlite } = hub.storage;
    sqlite.exec('CREATE TABLE scratch (v TEXT NOT NULL)');
    const insert = sqlite.prepare('INSERT INTO scratch (v) VALUES (?)');
    const row = 'x'.repeat(1_000);

    // A commit in every event-loop turn for a second and a half: tens of MB of WAL in all, and
    // without the hub's help the WAL never starts over (it reached 130 MB here).
    const writes: Array<Promise<unknown>> = [];
    let largest = 0;
    const until = Date.now() + 1_500;
    while (Date.now() < until) {
      writes.push(hub.committer.run(() => insert.run(row)));
      await new Promise((resolve) => setImmediate(resolve));
      largest = Math.max(largest, statSync(wal).size);
    }
    await Promise.all(writes);

    expect(sqlite.prepare('SELECT count(*) AS n FROM scratch').get()).toEqual({ n: writes.length });
    const written = writes.length * row.length;
    expect(written).toBeGreaterThan(20 * walLimitBytes);
    // The limit, plus what comes in between two checks of the checkpoint worker (more when the
    // machine is busy): a small part of all that went through the WAL, not all of it.
    expect(largest).toBeLessThan(written / 4);
  });
});
