import type { ColumnType } from 'kysely';

/**
 * The event store's tables as Kysely sees them. bigint and xid8 columns are selected as text
 * (`::text`) and parsed with `BigInt`, so the store never depends on the pool's type parsers.
 */
export interface EventsTable {
  readonly global_position: ColumnType<string, never, never>;
  readonly transaction_id: ColumnType<string, never, never>;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly type: string;
  /** JSON text on insert. */
  readonly data: ColumnType<unknown, string, never>;
  readonly metadata: ColumnType<unknown, string, never>;
  readonly recorded_at: ColumnType<Date, never, never>;
  /** The event's link in its stream's hash chain (migration 0002); null if written around the store. */
  readonly hash: ColumnType<Buffer | null, never, never>;
}

export interface StreamsTable {
  readonly stream_id: string;
  readonly version: number;
  /** The hash of the stream's last event (migration 0002). */
  readonly head_hash: ColumnType<Buffer | null, never, never>;
  /** The head before the last append (the append statement links from it). */
  readonly prev_head: ColumnType<Buffer | null, never, never>;
}

export interface OutboxTable {
  readonly id: string;
  /** Insertion order. */
  readonly seq: ColumnType<string, never, never>;
  readonly subject: string;
  readonly payload: ColumnType<unknown, string, never>;
  readonly headers: ColumnType<unknown, string, never>;
  readonly created_at: ColumnType<Date, never, never>;
  readonly sent_at: ColumnType<Date | null, never, Date>;
  readonly attempts: ColumnType<number, never, number>;
  readonly last_error: ColumnType<string | null, never, string>;
}

export interface SnapshotsTable {
  readonly stream_id: string;
  readonly stream_version: number;
  readonly schema_version: number;
  readonly state: ColumnType<unknown, string, string>;
  readonly saved_at: ColumnType<Date, never, Date>;
}

/** The tables of `migrations.ts`, in the connection's `search_path` schema. */
export interface EventStoreTables {
  readonly events: EventsTable;
  readonly streams: StreamsTable;
  readonly outbox: OutboxTable;
  readonly snapshots: SnapshotsTable;
}
