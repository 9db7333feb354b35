import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import type { StoreAccess } from './fixtures.js';
import { streamId } from './fixtures.js';

/** Snapshots: the newest per stream and schema version is kept. */
export function snapshotContract(store: StoreAccess): void {
  it('saves and loads the newest snapshot of a stream', async () => {
    const id = streamId('snap');
    strictEqual(await store().loadSnapshot(id), undefined);
    await store().saveSnapshot({
      streamId: id,
      streamVersion: 3,
      schemaVersion: 1,
      state: { volume: '0.5', peak: '101' },
    });
    deepStrictEqual(await store().loadSnapshot(id), {
      streamId: id,
      streamVersion: 3,
      schemaVersion: 1,
      state: { volume: '0.5', peak: '101' },
    });
    await store().saveSnapshot({
      streamId: id,
      streamVersion: 5,
      schemaVersion: 1,
      state: { volume: '0', peak: '110' },
    });
    await store().saveSnapshot({
      streamId: id,
      streamVersion: 4,
      schemaVersion: 1,
      state: { stale: true },
    });
    deepStrictEqual(await store().loadSnapshot(id), {
      streamId: id,
      streamVersion: 5,
      schemaVersion: 1,
      state: { volume: '0', peak: '110' },
    });
  });

  it('a snapshot of another schema version replaces the stored one', async () => {
    const id = streamId('schema');
    await store().saveSnapshot({
      streamId: id,
      streamVersion: 9,
      schemaVersion: 1,
      state: ['old'],
    });
    await store().saveSnapshot({
      streamId: id,
      streamVersion: 2,
      schemaVersion: 2,
      state: ['new'],
    });
    deepStrictEqual(await store().loadSnapshot(id), {
      streamId: id,
      streamVersion: 2,
      schemaVersion: 2,
      state: ['new'],
    });
  });
}
