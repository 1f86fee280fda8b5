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
