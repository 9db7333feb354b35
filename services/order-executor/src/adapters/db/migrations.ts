import { sql, type Kysely, type Migration } from 'kysely';
import { migrateInCurrentSchema } from '@hoga/event-store';

const STATES = `'new','submitting','unknown','open','done','cancel','rejected','denied','not_placed'`;

/** `orders`, `trades` and `order_events` (the outbox). */
const tables: Migration = {
  async up(db) {
    await sql`create table orders (
      order_id text primary key,
      identifier text not null unique,
      position_id text not null,
      leg text not null,
      attempt integer not null,
      market text not null,
      side text not null check (side in ('bid','ask')),
      kind text not null check (kind in ('market','limit')),
      price numeric, volume numeric, total_krw numeric,
      state text not null check (state in (${sql.raw(STATES)})),
      exchange_uuid text unique,
      executed_volume numeric not null default 0,
      executed_funds numeric not null default 0,
      paid_fee numeric not null default 0,
      exchange_trades_count integer not null default 0,
      command_id text not null,
      correlation_id text not null,
      detail text,
      last_sent_at timestamptz,
      unknown_since timestamptz,
      not_found_lookups integer not null default 0,
      next_lookup_at timestamptz,
      lookups integer not null default 0,
      alerted_at timestamptz,
      cancel_requested_at timestamptz,
      cancel_sent_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
    await sql`create index orders_live_idx on orders (state)
      where state in ('new','submitting','unknown','open')`.execute(db);
    await sql`create table trades (
      trade_uuid text primary key,
      order_id text not null references orders (order_id),
      market text not null,
      side text not null,
      price numeric not null, volume numeric not null, funds numeric not null, fee numeric not null,
      traded_at timestamptz not null,
      source text not null check (source in ('ws','rest')),
      recorded_at timestamptz not null default now()
    )`.execute(db);
    await sql`create index trades_order_idx on trades (order_id)`.execute(db);
    await sql`create table order_events (
      id text primary key,
      seq bigint generated always as identity,
      order_id text not null references orders (order_id),
      type text not null,
      subject text not null,
      payload jsonb not null,
      headers jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      attempts integer not null default 0,
      last_error text
    )`.execute(db);
    await sql`create index order_events_pending_idx on order_events (seq) where sent_at is null`.execute(
      db,
    );
    await sql`create index order_events_order_idx on order_events (order_id, seq)`.execute(db);
  },
};

/**
 * ADR 0030: when the position decided (the PlaceOrder's `occurredAt`, for the entry's age), how
 * often Upbit refused to take the send (429/418), and when a send stuck too long was alerted.
 */
const sendBounds: Migration = {
  async up(db) {
    await sql`alter table orders
      add column decided_at timestamptz,
      add column send_refusals integer not null default 0,
      add column send_alerted_at timestamptz`.execute(db);
  },
};

/** ADR 0057: the trace of the command that placed the order, continued by its fills. */
const orderTrace: Migration = {
  async up(db) {
    await sql`alter table orders add column trace_headers jsonb not null default '{}'::jsonb`.execute(
      db,
    );
  },
};

/** The order-executor's migrations, in order. Never edit one that has shipped: add another. */
export const executorMigrations: Readonly<Record<string, Migration>> = {
  '0001_orders_trades_events': tables,
  '0002_order_send_bounds': sendBounds,
  '0003_order_trace': orderTrace,
};

/** A migration failed; `cause` has the database's error. */
export class ExecutorMigrationError extends Error {
  override readonly name = 'ExecutorMigrationError';
}

/**
 * Brings the tables in the connection's current schema up to date; safe on every start and from
 * several processes at once (Kysely's migration lock). Its own migration tables keep it apart
 * from other packages' migrations in the same schema.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any database type
export function migrateExecutor(db: Kysely<any>): Promise<void> {
  return migrateInCurrentSchema(db, {
    label: 'order-executor',
    table: 'order_executor_migration',
    migrations: executorMigrations,
    error: (message, options) => new ExecutorMigrationError(message, options),
  });
}
