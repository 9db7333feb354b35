import type pg from 'pg';
import { AuditSourceError } from './audit-source.error.js';

/**
 * Refuses a database (schema) that is not hoga's: the event store's tables and migration table,
 * and order-executor's `orders` and `trades`, must be there.
 */
export async function assertHogaSchema(pool: Pick<pg.PoolClient, 'query'>): Promise<void> {
  const { rows } = await pool.query<{
    schema: string | null;
    db: string;
    events: string | null;
    migrations: string | null;
    orders: string | null;
    trades: string | null;
  }>(`select current_schema() as schema, current_database() as db,
        to_regclass('events')::text as events, to_regclass('event_store_migration')::text as migrations,
        to_regclass('orders')::text as orders, to_regclass('trades')::text as trades`);
  const r = rows[0]!;
  const where = `schema "${r.schema ?? '(none)'}" of database "${r.db}"`;
  if (r.events === null || r.migrations === null)
    throw new AuditSourceError(
      'not-hoga',
      `${where} has no hoga event store (no events table and event_store_migration): is this hoga's database? ` +
        'Give its URL with --database, or the schema with --schema.',
    );
  const chained = await pool.query(
    `select 1 from event_store_migration where name = '0002_hash_chain'`,
  );
  if (chained.rows.length === 0)
    throw new AuditSourceError(
      'not-migrated',
      `${where} holds a hoga event store written before the hash chain (migration 0002_hash_chain ` +
        'has not run): start the engine (or any service) on it once to migrate it, then audit.',
    );
  if (r.orders === null || r.trades === null)
    throw new AuditSourceError(
      'no-executor-tables',
      `${where} has hoga's events but not order-executor's orders and trades tables: ` +
        'there is nothing to prove the ledger against (has order-executor ever run on it?)',
    );
}
