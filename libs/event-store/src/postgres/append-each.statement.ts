import { STREAM_LOCK_CLASS } from './append.statements.js';

/**
 * `appendEach` in one statement: one event to each of several existing streams, each at its
 * expected version, each written or refused alone (as that many single appends, in one round
 * trip and one commit). Parameters: $1 the items as a JSON array of { ord, stream_id, expected,
 * type, data, metadata, outbox } (ord 1..n, outbox a JSON array of rows or null), $2 the events'
 * content hashes in item order (`\\x` hex, `hash-chain.ts`).
 *
 * 1. `serialized` takes every stream's append lock, in stream id order (two such statements
 *    never wait for each other in a cycle), before anything writes: an aggregate, so all of them
 *    are held before its one row exists — the rule of `append.statements.ts` for `readAll`'s order.
 *    (`explain verbose` shows it: the locks are computed in a Result above the sort by stream id,
 *    and the update joins the aggregate's one row before its first write.)
 * 2. `claimed` moves each stream whose version is the expected one on by one and its hash chain
 *    with it (the link as a single append makes it); a stream another writer moved is not
 *    updated (READ COMMITTED re-checks the row it waited for) and gives no row.
 * 3. `inserted` and `queued` write the events and the outbox rows of the claimed items only, in
 *    item order; the result names them with their new version and position.
 */
export const APPEND_EACH_STATEMENT = `with input as materialized (
    select * from jsonb_to_recordset($1::jsonb)
      as i(ord int, stream_id text, expected int, type text, data jsonb, metadata jsonb, outbox jsonb)
  ),
  serialized as materialized (
    select count(*) as locks from (
      select pg_advisory_xact_lock(${STREAM_LOCK_CLASS}, hashtext(stream_id)) from input order by stream_id
    ) l
  ),
  claimed as (
    update streams as s
    set version = s.version + 1, prev_head = s.head_hash,
      head_hash = sha256(coalesce(s.head_hash, ''::bytea) || ($2::bytea[])[i.ord])
    from input i, serialized
    where s.stream_id = i.stream_id and s.version = i.expected
    returning i.ord, s.stream_id, s.version, s.head_hash
  ),
  inserted as (
    insert into events (stream_id, stream_version, type, data, metadata, hash)
    select c.stream_id, c.version, i.type, i.data, i.metadata, c.head_hash
    from claimed c join input i on i.ord = c.ord
    order by c.ord
    returning stream_id, global_position
  ),
  queued as (
    insert into outbox (id, subject, payload, headers)
    select o.id, o.subject, o.payload, coalesce(o.headers, '{}'::jsonb)
    from claimed c join input i on i.ord = c.ord,
      rows from (jsonb_to_recordset(coalesce(i.outbox, '[]'::jsonb))
        as (id text, subject text, payload jsonb, headers jsonb)) with ordinality
        as o(id, subject, payload, headers, n)
    order by c.ord, o.n
  )
  select c.ord, c.version as next_version, ins.global_position::text as last_position
  from claimed c join inserted ins on ins.stream_id = c.stream_id`;
