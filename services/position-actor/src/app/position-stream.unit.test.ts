import { deepStrictEqual, equal, notEqual, ok } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { InMemoryEventStore } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import { INITIAL_SNAPSHOT, replay, type PositionSnapshot } from '@hoga/position';
import {
  encodeSnapshot,
  machineTable,
  schemaVersionOf,
  SNAPSHOT_SCHEMA_VERSION,
} from '../adapters/snapshot-json.js';
import { fromRecordedEvent, streamIdOf } from '../adapters/stored-position-event.js';
import { fillEntry, runImmediate } from '../testing/happy-path.js';
import { Harness } from '../testing/harness.js';
import { PositionStream } from './position-stream.js';

/** The in-memory store, telling from which version each `readStream` read. */
class CountingStore extends InMemoryEventStore {
  readonly readsFrom: number[] = [];
  override readStream(streamId: string, fromVersion?: number) {
    this.readsFrom.push(fromVersion ?? 1);
    return super.readStream(streamId, fromVersion);
  }
}

describe('PositionStream.load: snapshots are a verified cache (ADR 0064)', () => {
  let bus: Bus;
  let store: CountingStore;
  let id: PositionId;
  let full: PositionSnapshot;
  beforeEach(async () => {
    bus = createInProcessBus();
    store = new CountingStore();
    // snapshots only far away: each case stores the snapshot it needs
    const h = await new Harness(bus, store).start(1000);
    id = await runImmediate(h);
    await fillEntry(h, id);
    await h.dispose();
    full = replay(
      (await store.readStream(streamIdOf(id))).map(fromRecordedEvent),
      INITIAL_SNAPSHOT,
    );
    ok(full.version >= 4, `a few events stored (${String(full.version)})`);
    store.readsFrom.length = 0;
  });
  afterEach(() => bus.close());

  /** The fold of the first `version` events and the global position of the last of them. */
  async function prefix(version: number) {
    const rows = (await store.readStream(streamIdOf(id))).slice(0, version);
    store.readsFrom.length = 0;
    return {
      snapshot: replay(rows.map(fromRecordedEvent), INITIAL_SNAPSHOT),
      atGlobalPosition: rows.at(-1)!.globalPosition,
    };
  }

  it('uses a snapshot taken at an event of the stream: reads from its version, folds the tail', async () => {
    const cached = await prefix(2);
    await store.saveSnapshot({
      streamId: streamIdOf(id),
      streamVersion: 2,
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      state: encodeSnapshot(cached),
    });
    deepStrictEqual(await new PositionStream(store, 1000).load(id), full);
    deepStrictEqual(store.readsFrom, [2], 'read from the snapshot’s own event, not from 1');
  });

  it('ignores a snapshot whose event is not the stream’s (another history): replays from 1', async () => {
    const cached = await prefix(2);
    // a wrong fold at version 2 (the position as it was at version 1), claimed for another event
    const wrong = {
      snapshot: { ...(await prefix(1)).snapshot, version: 2 },
      atGlobalPosition: 999n,
    };
    await store.saveSnapshot({
      streamId: streamIdOf(id),
      streamVersion: 2,
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      state: encodeSnapshot(wrong),
    });
    notEqual(wrong.atGlobalPosition, cached.atGlobalPosition);
    deepStrictEqual(await new PositionStream(store, 1000).load(id), full);
    deepStrictEqual(store.readsFrom, [2, 1]);
  });

  it('ignores a snapshot of another schema (another machine table) and, after a long replay, leaves one', async () => {
    await store.saveSnapshot({
      streamId: streamIdOf(id),
      streamVersion: 2,
      schemaVersion: 2,
      state: { garbage: true },
    });
    deepStrictEqual(await new PositionStream(store, 3).load(id), full);
    deepStrictEqual(store.readsFrom, [1]);
    const left = await store.loadSnapshot(streamIdOf(id));
    equal(left?.schemaVersion, SNAPSHOT_SCHEMA_VERSION);
    equal(left.streamVersion, full.version);
    store.readsFrom.length = 0;
    deepStrictEqual(await new PositionStream(store, 3).load(id), full, 'the new snapshot loads');
    deepStrictEqual(store.readsFrom, [full.version]);
  });

  it('a short replay leaves no snapshot', async () => {
    deepStrictEqual(await new PositionStream(store, 1000).load(id), full);
    equal(await store.loadSnapshot(streamIdOf(id)), undefined);
  });
});

describe('snapshot schema version', () => {
  it('is the format and the machine table: a changed table is another schema', () => {
    const table = machineTable();
    ok(table.includes('unopened atomic'), table);
    ok(table.includes('PositionOpened [] -> pending {open}'), table);
    equal(SNAPSHOT_SCHEMA_VERSION, schemaVersionOf(3, table));
    ok(SNAPSHOT_SCHEMA_VERSION >= 1000 && SNAPSHOT_SCHEMA_VERSION < 2 ** 31);
    notEqual(schemaVersionOf(3, table.replace('-> pending', '-> active')), SNAPSHOT_SCHEMA_VERSION);
    notEqual(schemaVersionOf(4, table), SNAPSHOT_SCHEMA_VERSION);
  });
});
