/**
 * The gateway's history read model (tables in the pool's `search_path` schema): one row per
 * position (its summary as JSON, the columns the list filters and sorts on), the engine-wide
 * timeline, and the checkpoint of the last stored event folded in.
 */

/** Bumped when the projection's shape changes: a different stored version rebuilds it. */
export const HISTORY_SCHEMA_VERSION = 1;

export const CREATE_TABLES = `
  create table if not exists gateway_history_positions (
    position_id text primary key,
    market text not null,
    status text not null,
    opened_at timestamptz not null,
    closed_at timestamptz,
    version int not null,
    summary jsonb not null
  );
  create index if not exists gateway_history_positions_opened
    on gateway_history_positions (opened_at desc, position_id desc);
  create index if not exists gateway_history_positions_status
    on gateway_history_positions (status, opened_at desc, position_id desc);
  create index if not exists gateway_history_positions_market
    on gateway_history_positions (market, opened_at desc, position_id desc);
  create index if not exists gateway_history_positions_market_status
    on gateway_history_positions (market, status, opened_at desc, position_id desc);
  create index if not exists gateway_history_positions_open
    on gateway_history_positions (opened_at desc, position_id desc) where status <> 'closed';
  create table if not exists gateway_history_timeline (
    seq bigint generated always as identity primary key,
    at timestamptz not null,
    kind text not null,
    position_id text,
    stream_id text not null,
    version int not null,
    entry jsonb not null,
    unique (stream_id, version)
  );
  create index if not exists gateway_history_timeline_at on gateway_history_timeline (at, seq);
  create index if not exists gateway_history_timeline_kind
    on gateway_history_timeline (kind, at, seq);
  create table if not exists gateway_history_checkpoint (
    id int primary key check (id = 1),
    schema_version int not null,
    transaction_id bigint not null,
    global_position bigint not null
  )`;

/** Empties the projection and sets the checkpoint to the start (first start, or a new shape). */
export const RESET = (schemaVersion: number): string => `begin;
  delete from gateway_history_positions;
  delete from gateway_history_timeline;
  delete from gateway_history_checkpoint;
  insert into gateway_history_checkpoint values (1, ${String(schemaVersion)}, 0, 0);
  commit`;

/**
 * Upserts position rows given as one JSON array of `{ id, market, status, openedAt, closedAt,
 * version, summary }`; a row never goes back to an older version.
 */
export const UPSERT_POSITIONS = `
  insert into gateway_history_positions as p
    (position_id, market, status, opened_at, closed_at, version, summary)
  select id, market, status, "openedAt", "closedAt", version, summary
    from jsonb_to_recordset($1::jsonb) as u(
      id text, market text, status text, "openedAt" timestamptz, "closedAt" timestamptz,
      version int, summary jsonb)
  on conflict (position_id) do update set
    market = excluded.market,
    status = excluded.status,
    opened_at = excluded.opened_at,
    closed_at = excluded.closed_at,
    version = excluded.version,
    summary = excluded.summary
  where p.version < excluded.version`;

/**
 * Appends timeline items given as one JSON array of `{ at, kind, positionId, streamId, version,
 * entry }`, in that order (an item already stored is skipped).
 */
export const INSERT_TIMELINE = `
  insert into gateway_history_timeline (at, kind, position_id, stream_id, version, entry)
  select at, kind, "positionId", "streamId", version, entry
    from rows from (jsonb_to_recordset($1::jsonb) as (
      at timestamptz, kind text, "positionId" text, "streamId" text, version int, entry jsonb))
      with ordinality as u(at, kind, "positionId", "streamId", version, entry, n)
   order by n
  on conflict (stream_id, version) do nothing`;

/** Moves the checkpoint forward, never back. */
export const RECORD_CHECKPOINT = `
  update gateway_history_checkpoint set transaction_id = $1, global_position = $2
   where id = 1 and (transaction_id, global_position) < ($1::bigint, $2::bigint)`;

/** A timestamptz as an exact UTC key (microseconds), for cursors. */
export const timeKey = (column: string): string =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
