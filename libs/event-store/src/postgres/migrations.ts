import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { chainLink, contentHash } from '../hash-chain.js';
import { migrateInCurrentSchema } from './migrate-in-schema.js';

/** Creates `events`, `streams`, `outbox` and `snapshots`. */
const tables: Migration = {
  async up(db) {
    await db.schema
      .createTable('events')
      .addColumn('global_position', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
      .addColumn('transaction_id', sql`xid8`, (c) =>
        c.notNull().defaultTo(sql`pg_current_xact_id()`),
      )
      .addColumn('stream_id', 'text', (c) => c.notNull())
      .addColumn('stream_version', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addColumn('metadata', 'jsonb', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('events_pkey', ['stream_id', 'stream_version'])
      .execute();
    // Readers of all events walk this index in commit-safe order.
    await db.schema
      .createIndex('events_commit_order_idx')
      .on('events')
      .columns(['transaction_id', 'global_position'])
      .execute();

    await db.schema
      .createTable('streams')
      .addColumn('stream_id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
      .execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('payload', 'jsonb', (c) => c.notNull())
      .addColumn('headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('sent_at', 'timestamptz')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .execute();
    await db.schema
      .createIndex('outbox_pending_idx')
      .on('outbox')
      .column('seq')
      .where(sql.ref('sent_at'), 'is', null)
      .execute();

    await db.schema
      .createTable('snapshots')
      .addColumn('stream_id', 'text', (c) => c.primaryKey())
      .addColumn('stream_version', 'integer', (c) => c.notNull())
      .addColumn('schema_version', 'integer', (c) => c.notNull())
      .addColumn('state', 'jsonb', (c) => c.notNull())
      .addColumn('saved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
};

/** Events hashed per statement by the backfill of migration 0002. */
const BACKFILL_BATCH = 5_000;

/**
 * Chains every stream's events by a hash (`hash-chain.ts`, ADR 0051): `events.hash`, the
 * stream row's `head_hash` (and `prev_head`, which the append statement links from), and
 * `event_chain`, the function the append statement links with. Events already stored are
 * hashed here in version order per stream, in batches of `BACKFILL_BATCH` (memory stays flat on
 * a big store); the migration's transaction holds writers back until the chain is complete.
 * `events.hash` stays nullable: a row written around the store has none, which audit reports.
 */
const hashChain: Migration = {
  async up(db) {
    await sql`alter table events add column hash bytea`.execute(db);
    await sql`alter table streams add column head_hash bytea, add column prev_head bytea`.execute(
      db,
    );
    await sql`create function event_chain(previous bytea, contents bytea[]) returns bytea[]
      language plpgsql immutable parallel safe as $$
      declare
        link bytea := coalesce(previous, ''::bytea);
        links bytea[] := '{}';
      begin
        for i in 1 .. coalesce(cardinality(contents), 0) loop
          link := sha256(link || contents[i]);
          links[i] := link;
        end loop;
        return links;
      end $$`.execute(db);

    let after: { stream: string; version: number } | null = null;
    let previous: string | null = null;
    for (;;) {
      const { rows }: { rows: BackfillRow[] } = await sql<BackfillRow>`
        select stream_id, stream_version, type, data::text as data, metadata::text as metadata
        from events
        where ${after === null ? sql`true` : sql`(stream_id, stream_version) > (${after.stream}, ${after.version})`}
        order by stream_id, stream_version
        limit ${BACKFILL_BATCH}`.execute(db);
      if (rows.length === 0) break;
      const hashes: string[] = [];
      for (const row of rows) {
        if (after === null || row.stream_id !== after.stream) previous = null;
        previous = chainLink(
          previous,
          contentHash({
            streamId: row.stream_id,
            type: row.type,
            data: JSON.parse(row.data) as unknown,
            metadata: JSON.parse(row.metadata) as unknown,
          }),
        );
        hashes.push(previous);
        after = { stream: row.stream_id, version: row.stream_version };
      }
      await sql`update events e set hash = decode(v.hash, 'hex')
        from unnest(${rows.map((r) => r.stream_id)}::text[], ${rows.map((r) => r.stream_version)}::int[],
                    ${hashes}::text[]) as v(stream_id, stream_version, hash)
        where e.stream_id = v.stream_id and e.stream_version = v.stream_version`.execute(db);
    }
    await sql`update streams s set head_hash = e.hash
      from events e where e.stream_id = s.stream_id and e.stream_version = s.version`.execute(db);
  },
};

interface BackfillRow {
  readonly stream_id: string;
  readonly stream_version: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** The event store's migrations, in order. Never edit one that has shipped: add another. */
export const eventStoreMigrations: Readonly<Record<string, Migration>> = {
  '0001_event_store_tables': tables,
  '0002_hash_chain': hashChain,
};

/** A migration of the event store failed; `cause` has the database's error. */
export class EventStoreMigrationError extends Error {
  override readonly name = 'EventStoreMigrationError';
}

/**
 * Brings the event store's tables in the connection's current schema (the first of its
 * `search_path`) up to date. Safe to run on every start and from several processes at once:
 * applied migrations are skipped, and a lock serializes concurrent runs.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any database type
export function migrate(db: Kysely<any>): Promise<void> {
  return migrateInCurrentSchema(db, {
    label: 'event store',
    table: 'event_store_migration',
    migrations: eventStoreMigrations,
    error: (message, options) => new EventStoreMigrationError(message, options),
  });
}
