/** DDL of the position index: one row per position, one checkpoint row. */
export const CREATE_TABLES = `
  create table if not exists position_index (
    position_id text primary key,
    partition int not null,
    market text,
    status text not null,
    version int not null,
    updated_at timestamptz not null default now()
  );
  create index if not exists position_index_open on position_index (partition)
    where status <> 'closed';
  create table if not exists position_index_checkpoint (
    id int primary key check (id = 1),
    partition_count int not null,
    transaction_id bigint not null,
    global_position bigint not null
  )`;

/**
 * Upserts rows given as parallel arrays; a row never goes back to an older version. A null
 * status or market keeps the stored one (status '' on insert: an open never seen, not expected).
 */
export const UPSERT_ROWS = `
  insert into position_index as i (position_id, partition, market, status, version)
  select id, p, m, coalesce(s, ''), v
    from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[]) as u(id, p, m, s, v)
  on conflict (position_id) do update set
    partition = excluded.partition,
    market = coalesce(excluded.market, i.market),
    status = case when excluded.status = '' then i.status else excluded.status end,
    version = excluded.version,
    updated_at = now()
  where i.version < excluded.version`;

/** Moves the checkpoint forward, never back. */
export const RECORD_CHECKPOINT = `
  update position_index_checkpoint set transaction_id = $1, global_position = $2
   where id = 1 and (transaction_id, global_position) < ($1::bigint, $2::bigint)`;
