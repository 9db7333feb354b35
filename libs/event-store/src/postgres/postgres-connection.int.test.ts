import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createTestSchema } from '@hoga/testkit';
import type { TestSchema } from '@hoga/testkit';
import { START } from '../event-store.port.js';
import { numbered, readAllEventually, streamId } from '../testing/contract/fixtures.js';
import type { EventStoreTables } from './tables.js';
import { migrate } from './migrations.js';
import { PostgresEventStore } from './postgres-event-store.js';

describe('PostgresEventStore on a database', () => {
  let schema: TestSchema;

  beforeEach(async () => {
    schema = await createTestSchema('event_store_db');
  });

  afterEach(async () => {
    await schema.dispose();
  });

  it('migrates idempotently, also when several processes start at once', async () => {
    const stores = [
      new PostgresEventStore(schema.poolConfig),
      new PostgresEventStore(schema.poolConfig),
      new PostgresEventStore(schema.poolConfig),
    ];
    try {
      await Promise.all(stores.map((s) => s.migrate()));
      await stores[0]!.migrate();
      const { rows } = await sql<{
        name: string;
      }>`select name from event_store_migration order by name`.execute(stores[0]!.db);
      deepStrictEqual(
        rows.map((r) => r.name),
        ['0001_event_store_tables', '0002_hash_chain'],
      );
      strictEqual(
        (
          await stores[1]!.append(streamId('after-migrate'), numbered('Counted', 1), {
            expectedVersion: 'no-stream',
          })
        ).nextVersion,
        1,
      );
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('reads positions beyond 2^53 exactly (bigints are never floats)', async () => {
    const store = new PostgresEventStore(schema.poolConfig);
    try {
      await store.migrate();
      await sql`alter table events alter column global_position restart with 9007199254740993`.execute(
        store.db,
      );
      const id = streamId('big');
      const result = await store.append(id, numbered('Counted', 2), {
        expectedVersion: 'no-stream',
      });
      strictEqual(result.lastGlobalPosition, 9007199254740994n);
      const { events } = await readAllEventually(store, START, 2);
      deepStrictEqual(
        events.map((e) => e.globalPosition),
        [9007199254740993n, 9007199254740994n],
      );
      deepStrictEqual(
        (await store.readStream(id)).map((e) => e.globalPosition),
        [9007199254740993n, 9007199254740994n],
      );
      const plain = new pg.Client(schema.poolConfig);
      await plain.connect();
      const { rows } = await plain.query<{ n: unknown }>('select 9007199254740993::bigint as n');
      await plain.end();
      strictEqual(rows[0]!.n, '9007199254740993', "pg's global type parsers are left as they are");
    } finally {
      await store.close();
    }
  });

  it('works on a Kysely instance it does not own and leaves it open on close', async () => {
    const db = new Kysely<EventStoreTables>({
      dialect: new PostgresDialect({ pool: new pg.Pool(schema.poolConfig) }),
    });
    try {
      await migrate(db);
      const store = new PostgresEventStore(db);
      await store.append(streamId('shared'), numbered('Counted', 1), {
        expectedVersion: 'no-stream',
      });
      await store.close();
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from events`.execute(db);
      strictEqual(rows[0]!.n, 1);
    } finally {
      await db.destroy();
    }
  });

  it('shares a pg pool it does not own between stores and leaves it open on close', async () => {
    const pool = new pg.Pool({ ...schema.poolConfig, max: 1 });
    try {
      const [a, b] = [new PostgresEventStore(pool), new PostgresEventStore(pool)];
      await a.migrate();
      const id = streamId('shared-pool');
      await a.append(id, numbered('Counted', 1), { expectedVersion: 'no-stream' });
      await b.append(id, numbered('Counted', 1), { expectedVersion: 1 });
      await a.append(id, numbered('Counted', 1), { expectedVersion: 'any' });
      deepStrictEqual(
        (await b.readStream(id)).map((e) => e.streamVersion),
        [1, 2, 3],
      );
      strictEqual(await a.streamVersion(id), 3);
      await a.close();
      await b.close();
      const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from events');
      strictEqual(rows[0]!.n, 3);
    } finally {
      await pool.end();
    }
  });
});
