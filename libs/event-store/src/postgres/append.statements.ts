import type { ExpectedVersion } from '../event-store.port.js';

/**
 * The append statement, one text per kind of expectation, written once as constants (no query
 * building per call). Parameters: $1 stream id, $2 number of events, $3 the events as a JSON
 * array of { type, data, metadata }, $4 the outbox rows as a JSON array or null, $5 the expected
 * version (only in the `version` text).
 *
 * 1. `serialized` takes the stream's append lock before anything in the statement writes. A
 *    transaction gets its id at its first write; locking first means that of two appends to one
 *    stream the later also gets the later transaction id, so `readAll`'s (transaction id,
 *    position) order keeps every stream in version order. (The row lock alone would not: an
 *    append can take its id, then wait for the row.) The two-key advisory lock form never
 *    clashes with single-key advisory locks taken elsewhere.
 * 2. `claimed` moves the stream row on by $2 versions and returns the new version, or no row when
 *    the expected version does not match; a concurrent append to the stream waits and then sees
 *    the new version, so exactly one of two appends with the same expectation wins.
 * 3. `inserted` and `queued` read from `claimed`: nothing is written when it returned no row.
 */
const STREAM_LOCK_CLASS = 0x45_53_4c_4b; // 'ESLK'

const serialized = `(select pg_advisory_xact_lock(${STREAM_LOCK_CLASS}, hashtext($1))) as serialized`;

const claims = {
  any: `insert into streams as s (stream_id, version) select $1, $2::int from ${serialized}
    on conflict (stream_id) do update set version = s.version + excluded.version
    returning s.version`,
  new: `insert into streams as s (stream_id, version) select $1, $2::int from ${serialized}
    on conflict (stream_id) do nothing
    returning s.version`,
  version: `update streams as s set version = s.version + $2::int from ${serialized}
    where s.stream_id = $1 and s.version = $5::int
    returning s.version`,
} as const;

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

const statements = {
  any: statement(claims.any),
  new: statement(claims.new),
  version: statement(claims.version),
};

/** The statement text and its parameters for an append. */
export function appendStatement(
  streamId: string,
  expected: ExpectedVersion,
  count: number,
  eventsJson: string,
  outboxJson: string | null,
): { readonly text: string; readonly parameters: unknown[] } {
  if (expected === 'any')
    return { text: statements.any, parameters: [streamId, count, eventsJson, outboxJson] };
  if (expected === 'no-stream' || expected === 0)
    return { text: statements.new, parameters: [streamId, count, eventsJson, outboxJson] };
  return {
    text: statements.version,
    parameters: [streamId, count, eventsJson, outboxJson, expected],
  };
}
