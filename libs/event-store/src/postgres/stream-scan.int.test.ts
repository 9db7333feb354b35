import { deepStrictEqual, rejects, strictEqual } from 'node:assert/strict';
import pg from 'pg';
import { createTestSchema } from '@hoga/testkit';
import type { TestSchema } from '@hoga/testkit';
import type { RecordedEvent } from '../event-store.port.js';
import { numbered } from '../testing/contract/fixtures.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { scanStreams, type StreamScanFilter } from './stream-scan.query.js';

/** Every event a scan yields, and the batch sizes it yielded them in. */
async function scanAll(
  client: pg.PoolClient,
  filter: StreamScanFilter,
  fetchSize: number,
): Promise<{ events: RecordedEvent[]; batches: number[] }> {
  const events: RecordedEvent[] = [];
  const batches: number[] = [];
  for await (const batch of scanStreams(client, filter, { fetchSize })) {
    events.push(...batch);
    batches.push(batch.length);
  }
  return { events, batches };
}

const keys = (events: readonly RecordedEvent[]): string[] =>
  events.map((e) => `${e.streamId}@${e.streamVersion}`);

describe('scanStreams: many streams in one cursor (real PostgreSQL)', function () {
  this.timeout(30_000);
  let schema: TestSchema;
  let pool: pg.Pool;
  let store: PostgresEventStore;

  beforeEach(async () => {
    schema = await createTestSchema('stream_scan');
    pool = new pg.Pool({ ...schema.poolConfig, max: 3 });
    store = new PostgresEventStore(pool);
    await store.migrate();
    // Appended out of id order and interleaved, so commit order is not stream order.
    await store.append('position-b', numbered('B', 3), { expectedVersion: 'no-stream' });
    await store.append('position-a', numbered('A', 2), { expectedVersion: 'no-stream' });
    await store.append('risk', numbered('R', 2), { expectedVersion: 'no-stream' });
    await store.append('position-b', numbered('B', 2, 4), { expectedVersion: 3 });
    await store.append('position_x', numbered('X', 1), { expectedVersion: 'no-stream' });
  });
  afterEach(async () => {
    await pool.end();
    await schema.dispose();
  });

  it('reads the streams of a prefix whole, in (stream, version) order, across fetches, as readStream does', async () => {
    const client = await pool.connect();
    try {
      await client.query('begin isolation level repeatable read read only');
      const { events, batches } = await scanAll(client, { prefix: 'position-' }, 2);
      deepStrictEqual(keys(events), [
        'position-a@1',
        'position-a@2',
        'position-b@1',
        'position-b@2',
        'position-b@3',
        'position-b@4',
        'position-b@5',
      ]);
      deepStrictEqual(batches, [2, 2, 2, 1]);
      // The same events, field for field, as the store's own stream read gives them.
      const expected = [
        ...(await store.readStream('position-a')),
        ...(await store.readStream('position-b')),
      ];
      deepStrictEqual(events, expected);
      // The cursor was closed: a second scan in the same transaction works.
      strictEqual((await scanAll(client, { streamIds: ['risk', 'nope'] }, 10)).events.length, 2);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it("takes a prefix's LIKE wildcards literally ('position_' is not 'position-')", async () => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      deepStrictEqual(keys((await scanAll(client, { prefix: 'position_' }, 100)).events), [
        'position_x@1',
      ]);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('sees only its snapshot: an append committed while it reads is neither read nor half-read', async () => {
    const client = await pool.connect();
    try {
      await client.query('begin isolation level repeatable read read only');
      const scan = scanStreams(client, { prefix: 'position-' }, { fetchSize: 1 });
      const first = await scan.next();
      deepStrictEqual(first.done ? [] : keys(first.value), ['position-a@1']);
      await store.append('position-a', numbered('A', 1, 3), { expectedVersion: 2 });
      await store.append('position-c', numbered('C', 1), { expectedVersion: 'no-stream' });
      const rest: RecordedEvent[] = [];
      for await (const batch of scan) rest.push(...batch);
      deepStrictEqual(keys(rest), [
        'position-a@2',
        'position-b@1',
        'position-b@2',
        'position-b@3',
        'position-b@4',
        'position-b@5',
      ]);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('splits a scan into disjoint parts, each stream whole in one, that together are the scan', async () => {
    for (let i = 0; i < 12; i += 1)
      await store.append(`position-p${i}`, numbered(`P${i}`, 2), { expectedVersion: 'no-stream' });
    const client = await pool.connect();
    try {
      await client.query('begin isolation level repeatable read read only');
      const whole = keys((await scanAll(client, { prefix: 'position-' }, 5)).events);
      for (const of of [1, 2, 3]) {
        const parts: string[][] = [];
        for (let index = 0; index < of; index += 1) {
          const part: RecordedEvent[] = [];
          const scan = scanStreams(client, { prefix: 'position-' }, { partition: { index, of } });
          for await (const batch of scan) part.push(...batch);
          parts.push(keys(part));
        }
        deepStrictEqual(parts.flat().sort(), [...whole].sort(), `${of} part(s)`);
        const streamsOf = (part: string[]) => new Set(part.map((k) => k.split('@')[0]));
        for (let a = 0; a < of; a += 1)
          for (let b = a + 1; b < of; b += 1)
            deepStrictEqual(
              [...streamsOf(parts[a]!)].filter((id) => streamsOf(parts[b]!).has(id)),
              [],
            );
      }
      const ids = { streamIds: ['position-a', 'position-p3'] };
      const read: string[] = [];
      for (const index of [0, 1])
        for await (const batch of scanStreams(client, ids, { partition: { index, of: 2 } }))
          read.push(...keys(batch));
      deepStrictEqual(read.sort(), [
        'position-a@1',
        'position-a@2',
        'position-p3@1',
        'position-p3@2',
      ]);
      await rejects(async () => {
        for await (const _ of scanStreams(client, ids, { partition: { index: 2, of: 2 } })) break;
      }, RangeError);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('needs a transaction (a cursor outside one is refused by PostgreSQL)', async () => {
    const client = await pool.connect();
    try {
      await rejects(scanAll(client, { prefix: 'position-' }, 10), /transaction/i);
    } finally {
      client.release();
    }
  });
});
