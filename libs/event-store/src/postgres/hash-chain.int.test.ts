import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createTestSchema } from '@hoga/testkit';
import type { TestSchema } from '@hoga/testkit';
import { numbered, streamId } from '../testing/contract/fixtures.js';
import { chainLink, contentHash, verifyChain } from '../hash-chain.js';
import { eventStoreMigrations } from './migrations.js';
import { PostgresEventStore } from './postgres-event-store.js';
import type { EventStoreTables } from './tables.js';

/** The chain of every stream in the store, verified against its streams row. */
async function verifyAll(
  store: PostgresEventStore,
): Promise<Map<string, ReturnType<typeof verifyChain>>> {
  const { rows } = await sql<{ stream_id: string; version: number; head: string | null }>`
    select stream_id, version, encode(head_hash, 'hex') as head from streams order by stream_id`.execute(
    store.db,
  );
  const verdicts = new Map<string, ReturnType<typeof verifyChain>>();
  for (const row of rows)
    verdicts.set(
      row.stream_id,
      verifyChain(await store.readStream(row.stream_id), { version: row.version, hash: row.head }),
    );
  return verdicts;
}

describe('PostgresEventStore hash chain on PostgreSQL', () => {
  let schema: TestSchema;

  beforeEach(async () => {
    schema = await createTestSchema('event_store_chain');
  });

  afterEach(async () => {
    await schema.dispose();
  });

  it('migrates a store written without the chain: every stream chained in version order, in batches, and appends go on linking', async () => {
    const pool = new pg.Pool(schema.poolConfig);
    const db = new Kysely<EventStoreTables>({ dialect: new PostgresDialect({ pool }) });
    try {
      // The store as release 0001 left it: 12,000 events in 7 streams, written in interleaved
      // order (so a stream spans the backfill's 5,000-event batches).
      const old = new Migrator({
        db,
        provider: {
          getMigrations: async () => ({
            '0001_event_store_tables': eventStoreMigrations['0001_event_store_tables']!,
          }),
        },
        migrationTableName: 'event_store_migration',
        migrationLockTableName: 'event_store_migration_lock',
        migrationTableSchema: schema.schema,
      });
      strictEqual((await old.migrateToLatest()).error, undefined);
      await sql`insert into events (stream_id, stream_version, type, data, metadata)
        select 'legacy-' || (i % 7), i / 7 + 1, 'Counted', jsonb_build_object('n', i, 'b', 'x'),
          jsonb_build_object('eventId', 'e' || i, 'occurredAt', '2026-01-01T00:00:00Z',
                             'causationId', null, 'correlationId', 'c')
        from generate_series(0, 11999) as i`.execute(db);
      await sql`insert into streams (stream_id, version)
        select stream_id, max(stream_version) from events group by stream_id`.execute(db);
    } finally {
      await db.destroy();
    }

    const store = new PostgresEventStore(schema.poolConfig);
    try {
      await store.migrate();
      const verdicts = await verifyAll(store);
      strictEqual(verdicts.size, 7);
      for (const [id, verdict] of verdicts) ok(verdict.ok, `${id}: ${JSON.stringify(verdict)}`);
      const version = await store.streamVersion('legacy-3');
      await store.append('legacy-3', numbered('Counted', 2), { expectedVersion: version });
      await store.append('legacy-4', numbered('Counted', 1), { expectedVersion: 'any' });
      for (const [id, verdict] of await verifyAll(store))
        ok(verdict.ok, `${id}: ${JSON.stringify(verdict)}`);
      strictEqual((await store.readStream('legacy-3')).length, version + 2);
    } finally {
      await store.close();
    }
  });

  describe('finds a hand edit in PostgreSQL', () => {
    let store: PostgresEventStore;
    let id: string;

    beforeEach(async () => {
      store = new PostgresEventStore(schema.poolConfig);
      await store.migrate();
      id = streamId('tampered');
      await store.append(id, numbered('Counted', 3), { expectedVersion: 'no-stream' });
      await store.append(id, numbered('Counted', 2, 4), { expectedVersion: 3 });
      strictEqual((await verifyAll(store)).get(id)?.ok, true);
    });

    afterEach(async () => {
      await store.close();
    });

    const breakOf = async (): Promise<unknown> => {
      const verdict = (await verifyAll(store)).get(id)!;
      return verdict.ok ? verdict : { kind: verdict.break.kind, version: verdict.break.version };
    };

    it("an event's data updated in place", async () => {
      await sql`update events set data = '{"n": 200}' where stream_id = ${id} and stream_version = 2`.execute(
        store.db,
      );
      deepStrictEqual(await breakOf(), { kind: 'hash-mismatch', version: 2 });
    });

    it('an event deleted', async () => {
      await sql`delete from events where stream_id = ${id} and stream_version = 3`.execute(
        store.db,
      );
      deepStrictEqual(await breakOf(), { kind: 'version-gap', version: 4 });
    });

    it('an event deleted and the later versions renumbered', async () => {
      await sql`delete from events where stream_id = ${id} and stream_version = 3`.execute(
        store.db,
      );
      await sql`update events set stream_version = stream_version - 1 where stream_id = ${id} and stream_version > 3`.execute(
        store.db,
      );
      await sql`update streams set version = version - 1 where stream_id = ${id}`.execute(store.db);
      deepStrictEqual(await breakOf(), { kind: 'hash-mismatch', version: 3 });
    });

    it("an event edited and its hash recomputed by hand, but not the next one's", async () => {
      // The forger knows the rules (they are public) and rewrites event 2's hash to match.
      const [first, second] = await store.readStream(id);
      const forged = chainLink(first!.hash!, contentHash({ ...second!, data: { n: 200 } }));
      await sql`update events set data = '{"n": 200}', hash = decode(${forged}, 'hex')
        where stream_id = ${id} and stream_version = 2`.execute(store.db);
      const reread = await store.readStream(id);
      strictEqual(reread[1]!.hash, forged);
      deepStrictEqual(await breakOf(), { kind: 'hash-mismatch', version: 3 });
    });

    it("the stream's last event deleted (the streams row still ends later)", async () => {
      await sql`delete from events where stream_id = ${id} and stream_version = 5`.execute(
        store.db,
      );
      deepStrictEqual(await breakOf(), { kind: 'head-mismatch', version: 4 });
    });
  });
});
