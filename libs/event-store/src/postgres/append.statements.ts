import type { ExpectedVersion } from '../event-store.port.js';

/**
 * The append statement, one text per kind of expectation, written once as constants (no query
 * building per call). Parameters: $1 stream id, $2 number of events, $3 the events as a JSON
 * array of { type, data, metadata }, $4 the outbox rows as a JSON array or null, $5 the events'
 * content hashes (`\\x` hex, `hash-chain.ts`), $6 the expected version (only in the `version` text).
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
 *    It also moves the stream's hash chain on (ADR 0051): `event_chain` (migration 0002) links the
 *    content hashes to the head it finds on the row, the latest one since the row is locked;
 *    `prev_head` keeps the head it started from (in one SET every right side sees the old row),
 *    so `inserted` can link each event without reading the row again.
 * 3. `inserted` and `queued` read from `claimed`: nothing is written when it returned no row.
 */
export const STREAM_LOCK_CLASS = 0x45_53_4c_4b; // 'ESLK'

/**
 * The chain's head after linking the events' content hashes ($5) to `previous`. One event (most
 * appends) is linked inline, without a call of the plpgsql `event_chain`.
 */
const headAfter = (previous: string, single: boolean): string =>
  single
    ? `sha256(coalesce(${previous}, ''::bytea) || ($5::bytea[])[1])`
    : `(event_chain(${previous}, $5::bytea[]))[$2::int]`;

/** Every event's link, in order, from `previous`. */
const linksFrom = (previous: string, single: boolean): string =>
  single ? `array[${headAfter(previous, true)}]` : `event_chain(${previous}, $5::bytea[])`;

const serialized = `(select pg_advisory_xact_lock(${STREAM_LOCK_CLASS}, hashtext($1))) as serialized`;

const claimsOf = (single: boolean) => ({
  any: `insert into streams as s (stream_id, version, head_hash)
    select $1, $2::int, ${headAfter('null', single)} from ${serialized}
    on conflict (stream_id) do update
      set version = s.version + excluded.version, prev_head = s.head_hash, head_hash = ${headAfter('s.head_hash', single)}
    returning s.version, s.prev_head`,
  new: `insert into streams as s (stream_id, version, head_hash)
    select $1, $2::int, ${headAfter('null', single)} from ${serialized}
    on conflict (stream_id) do nothing
    returning s.version, s.prev_head`,
  version: `update streams as s
    set version = s.version + $2::int, prev_head = s.head_hash, head_hash = ${headAfter('s.head_hash', single)}
    from ${serialized}
    where s.stream_id = $1 and s.version = $6::int
    returning s.version, s.prev_head`,
});

const statement = (claim: string, single: boolean): string => `with claimed as (${claim}),
  chain as materialized (select ${linksFrom('claimed.prev_head', single)} as hashes from claimed),
  inserted as (
    insert into events (stream_id, stream_version, type, data, metadata, hash)
    select $1, claimed.version - $2::int + e.ord::int, e.value->>'type', e.value->'data', e.value->'metadata',
      chain.hashes[e.ord::int]
    from claimed, chain, jsonb_array_elements($3::jsonb) with ordinality as e(value, ord)
    order by e.ord
    returning global_position
  ),
  queued as (
    insert into outbox (id, subject, payload, headers)
    select o.id, o.subject, o.payload, coalesce(o.headers, '{}'::jsonb)
    from claimed, jsonb_to_recordset($4::jsonb) as o(id text, subject text, payload jsonb, headers jsonb)
  )
  select (select version from claimed) as next_version, (select max(global_position) from inserted)::text as last_position`;

const statementsOf = (single: boolean) => {
  const claims = claimsOf(single);
  return {
    any: statement(claims.any, single),
    new: statement(claims.new, single),
    version: statement(claims.version, single),
  };
};
const statements = { single: statementsOf(true), batch: statementsOf(false) };

/** The statement text and its parameters for an append. */
export function appendStatement(
  streamId: string,
  expected: ExpectedVersion,
  count: number,
  eventsJson: string,
  outboxJson: string | null,
  contentHashes: readonly string[],
): { readonly text: string; readonly parameters: unknown[] } {
  const parameters = [streamId, count, eventsJson, outboxJson, contentHashes];
  const texts = count === 1 ? statements.single : statements.batch;
  if (expected === 'any') return { text: texts.any, parameters };
  if (expected === 'no-stream' || expected === 0) return { text: texts.new, parameters };
  return { text: texts.version, parameters: [...parameters, expected] };
}
