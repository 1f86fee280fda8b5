import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WalSync } from '../src/storage/wal-sync.js';

/** An fsync that finishes when the test says so, recording when each one started. */
function controlledSync() {
  const pending: Array<(error: Error | null) => void> = [];
  return {
    started: () => pending.length,
    finish: (index: number, error: Error | null = null) => pending[index]!(error),
    syncFile: (_fd: number, done: (error: Error | null) => void) => {
      pending.push(done);
    },
  };
}

const settled = (promise: Promise<void>) => {
  const state = { done: false, error: undefined as unknown };
  promise.then(
    () => (state.done = true),
    (error: unknown) => (state.error = error),
  );
  return state;
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WalSync: the fsync behind an acknowledgement', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  function walFile(): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'interact-wal-'));
    folders.push(folder);
    const file = path.join(folder, 'interact.db-wal');
    writeFileSync(file, 'frames');
    return file;
  }

  it('never resolves a commit with an fsync that started before it, and shares one fsync among the commits that wait', async () => {
    const disk = controlledSync();
    const wal = new WalSync(walFile(), disk.syncFile);
    const first = settled(wal.sync());
    // Committed while the first fsync runs: they need one more, and all share it.
    const second = settled(wal.sync());
    const third = settled(wal.sync());
    expect(disk.started()).toBe(1);

    disk.finish(0);
    await tick();
    expect(first.done).toBe(true);
    expect(second.done).toBe(false);
    expect(third.done).toBe(false);
    expect(disk.started()).toBe(2);

    disk.finish(1);
    await tick();
    expect(second.done).toBe(true);
    expect(third.done).toBe(true);
    expect(disk.started()).toBe(2);
    wal.close();
  });

  it('rejects the commits an fsync failed for, and the next commit gets an fsync of its own', async () => {
    const disk = controlledSync();
    const wal = new WalSync(walFile(), disk.syncFile);
    const failed = settled(wal.sync());
    disk.finish(0, new Error('EIO'));
    await tick();
    expect(failed.error).toEqual(new Error('EIO'));

    const later = settled(wal.sync());
    expect(disk.started()).toBe(2);
    disk.finish(1);
    await tick();
    expect(later.done).toBe(true);
    wal.close();
  });

  it('syncs a real file, and has nothing to do for an in-memory database or after closing', async () => {
    const wal = new WalSync(walFile());
    await expect(wal.sync()).resolves.toBeUndefined();
    wal.close();
    await expect(wal.sync()).resolves.toBeUndefined();
    await expect(new WalSync(null).sync()).resolves.toBeUndefined();
  });
});
