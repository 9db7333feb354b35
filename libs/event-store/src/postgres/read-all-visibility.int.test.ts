import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import pg from 'pg';
import { createTestSchema } from '@hoga/testkit';
import type { TestSchema } from '@hoga/testkit';
import { START } from '../event-store.port.js';
import { eventIds, newEvent, readAllEventually, streamId } from '../testing/contract/fixtures.js';
import { PostgresEventStore } from './postgres-event-store.js';

/** A raw connection driving one transaction step by step. */
async function openWriter(schema: TestSchema): Promise<pg.Client> {
  const client = new pg.Client(schema.poolConfig);
  await client.connect();
  return client;
}

/** Starts a transaction and takes its transaction id now, so tests fix the id order. */
async function begin(client: pg.Client): Promise<bigint> {
  await client.query('begin');
  const { rows } = await client.query<{ xid: string }>('select pg_current_xact_id()::text as xid');
  return BigInt(rows[0]!.xid);
}

/** Inserts one event as `event_store_append` does; returns its event id and global position. */
async function insertEvent(
  client: pg.Client,
  stream: string,
): Promise<{ eventId: string; position: bigint }> {
  const event = newEvent('Raced');
  const { rows } = await client.query<{ position: string }>(
    `insert into events (stream_id, stream_version, type, data, metadata) values ($1, 1, $2, $3, $4) returning global_position::text as position`,
    [stream, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)],
  );
  return { eventId: event.metadata.eventId, position: BigInt(rows[0]!.position) };
}

describe('PostgresEventStore readAll never skips a late commit', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let t1: pg.Client;
  let t2: pg.Client;

  beforeEach(async () => {
    schema = await createTestSchema('event_store_visibility');
    store = new PostgresEventStore(schema.poolConfig);
    await store.migrate();
    [t1, t2] = [await openWriter(schema), await openWriter(schema)];
  });

  afterEach(async () => {
    await t1.end();
    await t2.end();
    await store.close();
    await schema.dispose();
  });

  it('T1 takes the lower position and commits after T2: T2 is not read before T1 is, then both are, once', async () => {
    const x1 = await begin(t1);
    const x2 = await begin(t2);
    ok(x1 < x2);
    const a = await insertEvent(t1, streamId('t1'));
    const b = await insertEvent(t2, streamId('t2'));
    ok(a.position < b.position);
    await t2.query('commit');

    const between = await store.readAll({ after: START, limit: 10 });
    deepStrictEqual(
      between.events,
      [],
      'T2 committed, but T1 (older, lower position) is still open: nothing may be read yet',
    );

    await t1.query('commit');
    const after = await readAllEventually(store, between.checkpoint, 2);
    deepStrictEqual(eventIds(after.events), [a.eventId, b.eventId]);
  });

  it('T1 takes the lower position but the younger transaction id: T2 may be read first, T1 is still read after it', async () => {
    const x2 = await begin(t2);
    const x1 = await begin(t1);
    ok(x2 < x1);
    const a = await insertEvent(t1, streamId('t1'));
    const b = await insertEvent(t2, streamId('t2'));
    ok(
      a.position < b.position,
      'a reader checkpointing on the global position alone would skip T1 after reading T2',
    );
    await t2.query('commit');

    const between = await store.readAll({ after: START, limit: 10 });
    ok(between.events.every((e) => e.metadata.eventId === b.eventId));

    await t1.query('commit');
    const rest = await readAllEventually(store, between.checkpoint, 2 - between.events.length);
    deepStrictEqual(
      eventIds([...between.events, ...rest.events]),
      [b.eventId, a.eventId],
      'both read, in commit-safe order, none twice',
    );
  });

  it('a rolled-back transaction leaves a gap in positions that readers pass over', async () => {
    await begin(t1);
    const rolledBack = await insertEvent(t1, streamId('rolled-back'));
    const kept = newEvent('Kept');
    const appended = await store.append(streamId('kept'), [kept], { expectedVersion: 'no-stream' });
    ok(appended.lastGlobalPosition > rolledBack.position);

    deepStrictEqual(
      (await store.readAll({ after: START, limit: 10 })).events,
      [],
      'an open older transaction holds readers back',
    );
    await t1.query('rollback');

    const first = await readAllEventually(store, START, 1);
    deepStrictEqual(eventIds(first.events), [kept.metadata.eventId]);
    const later = newEvent('Later');
    await store.append(streamId('later'), [later], { expectedVersion: 'no-stream' });
    const next = await readAllEventually(store, first.pages.at(-1)!.checkpoint, 1);
    deepStrictEqual(eventIds(next.events), [later.metadata.eventId]);
    strictEqual(
      [...first.events, ...next.events].some((e) => e.globalPosition === rolledBack.position),
      false,
    );
  });
});
