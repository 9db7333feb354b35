import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import type { Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import { PostgresEventStore, START } from '@hoga/event-store';
import type { NewEvent } from '@hoga/event-store';

/** One event store as the benchmark drives it. */
export interface Contender {
  readonly name: string;
  /** Appends with an expected version (0: the stream must not exist). */
  append(streamId: string, events: readonly NewEvent[], expectedVersion: number): Promise<void>;
  /** Reads every event from the start in pages of `pageSize`; returns how many it read. */
  readAll(pageSize: number): Promise<number>;
  close(): Promise<void>;
}

/** A position event of the size hoga writes (ids, market, decimal strings, trace metadata). */
export function positionEvent(positionId: string): NewEvent {
  const now = new Date().toISOString();
  return {
    type: 'PeakPriceRaised',
    data: {
      positionId,
      market: 'KRW-BTC',
      price: '143250000',
      volume: '0.00034912',
      peakPrice: '143300000',
      at: now,
    },
    metadata: {
      eventId: randomUUID(),
      occurredAt: now,
      causationId: randomUUID(),
      correlationId: positionId,
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    },
  };
}

/** hoga's store, migrated into the bench database. */
export async function hogaContender(url: string): Promise<Contender> {
  const store = new PostgresEventStore({ connectionString: url, max: 10 });
  await store.migrate();
  return {
    name: 'hoga',
    async append(streamId, events, expectedVersion) {
      await store.append(streamId, events, {
        expectedVersion: expectedVersion === 0 ? 'no-stream' : expectedVersion,
      });
    },
    async readAll(pageSize) {
      let read = 0;
      let after = START;
      for (;;) {
        const page = await store.readAll({ after, limit: pageSize });
        if (page.events.length === 0) return read;
        read += page.events.length;
        after = page.checkpoint;
      }
    },
    close: () => store.close(),
  };
}

type BenchEvent = Event<string, Record<string, unknown>, Record<string, unknown>>;

/** Emmett's PostgreSQL event store (same database, its own `emt_*` tables, a pool of 10). */
export async function emmettContender(url: string): Promise<Contender> {
  const pool = dumbo({ connectionString: url });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { dumbo: pool } });
  await store.schema.migrate();
  return {
    name: 'emmett',
    async append(streamId, events, expectedVersion) {
      const messages = events.map(
        (e) => ({ type: e.type, data: e.data, metadata: e.metadata }) as BenchEvent,
      );
      await store.appendToStream(streamId, messages, {
        expectedStreamVersion:
          expectedVersion === 0 ? STREAM_DOES_NOT_EXIST : BigInt(expectedVersion),
      });
    },
    async readAll(pageSize) {
      let read = 0;
      let after = 0n;
      for (;;) {
        const page = await readMessagesBatch(pool.execute, { after, batchSize: pageSize });
        read += page.messages.length;
        if (page.messages.length === 0 || !page.areMessagesLeft) return read;
        after = page.currentGlobalPosition;
      }
    },
    close: () => store.close(),
  };
}

/**
 * hoga's append as it was before the hash chain (ADR 0051): the same one-statement append
 * without the content hashes, the `event_chain` links and the head columns, prepared on its own
 * pool of 10 against the same (migrated) tables. `--chain` measures it against `hoga` to show
 * what chaining costs. Its events carry no hash; its streams are its own.
 */
export async function unchainedHogaContender(url: string): Promise<Contender> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const serialized = `(select pg_advisory_xact_lock(${0x45_53_4c_4b}, hashtext($1))) as serialized`;
  const claims = {
    new: `insert into streams as s (stream_id, version) select $1, $2::int from ${serialized}
      on conflict (stream_id) do nothing returning s.version`,
    version: `update streams as s set version = s.version + $2::int from ${serialized}
      where s.stream_id = $1 and s.version = $5::int returning s.version`,
  };
  const statement = (claim: string): string => `with claimed as (${claim}),
    inserted as (
      insert into events (stream_id, stream_version, type, data, metadata)
      select $1, claimed.version - $2::int + e.ord::int, e.value->>'type', e.value->'data', e.value->'metadata'
      from claimed, jsonb_array_elements($3::jsonb) with ordinality as e(value, ord)
      order by e.ord
      returning global_position
    ),
    queued as (
      insert into outbox (id, subject, payload, headers)
      select o.id, o.subject, o.payload, coalesce(o.headers, '{}'::jsonb)
      from claimed, jsonb_to_recordset($4::jsonb) as o(id text, subject text, payload jsonb, headers jsonb)
    )
    select (select version from claimed) as next_version, (select max(global_position) from inserted)::text as last_position`;
  const texts = { new: statement(claims.new), version: statement(claims.version) };
  return {
    name: 'hoga-unchained',
    async append(streamId, events, expectedVersion) {
      const encoded = JSON.stringify(
        events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })),
      );
      const [name, text, values] =
        expectedVersion === 0
          ? ['unchained_new', texts.new, [streamId, events.length, encoded, null]]
          : [
              'unchained_version',
              texts.version,
              [streamId, events.length, encoded, null, expectedVersion],
            ];
      const { rows } = await pool.query<{ next_version: number | null }>({ name, text, values });
      if (rows[0]?.next_version == null)
        throw new Error(`unchained append to ${streamId} at ${expectedVersion} conflicted`);
    },
    async readAll() {
      return 0;
    },
    close: () => pool.end(),
  };
}
