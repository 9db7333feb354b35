import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { eventStreams } from '@hoga/contracts';
import { InMemoryEventStore, type Checkpoint } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import { createLogger } from '@hoga/telemetry';
import { eventually } from '@hoga/testkit';
import { MemoryPositionIndex } from '../adapters/position-index/memory-position-index.js';
import type { PositionIndexRow } from '../adapters/position-index/position-index.port.js';
import { PositionIndexProjector } from './position-index-projector.js';

/** The memory index, counting its writes; it can be made to fail. */
class CountingIndex extends MemoryPositionIndex {
  writes = 0;
  failing = false;
  override record(rows: readonly PositionIndexRow[], checkpoint: Checkpoint): Promise<void> {
    if (this.failing) return Promise.reject(new Error('database down'));
    this.writes += 1;
    return super.record(rows, checkpoint);
  }
}

const logger = createLogger({ service: 'test', sinks: [] });
let n = 0;
const event = (type: string, data: unknown = {}) => ({
  type,
  data,
  metadata: {
    eventId: `e-${++n}`,
    occurredAt: '2026-12-07T00:00:00.000Z',
    causationId: null,
    correlationId: 'test',
  },
});

async function append(store: InMemoryEventStore, id: string, types: string[], from = 0) {
  await store.append(
    eventStreams.position(id as PositionId),
    types.map((t) => event(t, t === 'PositionOpened' ? { market: 'KRW-BTC' } : {})),
    { expectedVersion: from === 0 ? 'no-stream' : from },
  );
}

describe('PositionIndexProjector: live events written in batches', () => {
  it('many live events make one write; a PositionOpened is reported at once; the index ends current', async () => {
    const store = new InMemoryEventStore();
    const index = new CountingIndex();
    const projector = new PositionIndexProjector(store, index, 4, logger);
    await projector.catchUp();
    const opened: string[] = [];
    await projector.start((id) => void opened.push(id));
    for (let i = 0; i < 20; i++)
      await append(store, `p-${i}`, ['PositionOpened', 'EntryOrderRequested']);
    await append(store, 'p-0', ['PositionClosed'], 2);
    await eventually(() => strictEqual(opened.length, 20));
    strictEqual(index.writes, 0, 'nothing written yet: the batch waits for its flush');
    await eventually(async () =>
      deepStrictEqual(await index.positions([0, 1, 2, 3], 'closed'), ['p-0']),
    );
    strictEqual(index.writes <= 2, true, `one or two writes for 41 events (${index.writes})`);
    strictEqual((await index.positions([0, 1, 2, 3], 'open')).length, 19);
    await projector.stop();
  });

  it('a clean stop writes what is pending; a failed write keeps its events for the next one', async () => {
    const store = new InMemoryEventStore();
    const index = new CountingIndex();
    const projector = new PositionIndexProjector(store, index, 4, logger);
    await projector.start(() => undefined);
    index.failing = true;
    await append(store, 'p-a', ['PositionOpened']);
    await eventually(async () => {
      await projector.flush();
      strictEqual(index.writes, 0);
    });
    index.failing = false;
    await append(store, 'p-b', ['PositionOpened']);
    await projector.stop();
    deepStrictEqual(await index.positions([0, 1, 2, 3], 'open'), ['p-a', 'p-b']);
    const last = (
      await store.readAll({ after: { transactionId: 0n, globalPosition: 0n }, limit: 10 })
    ).checkpoint;
    deepStrictEqual(await index.checkpoint(), last);
  });
});
