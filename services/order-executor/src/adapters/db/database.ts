import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { ExecutorTables } from './tables.js';

/** The executor's database handle; `close()` ends the pool only when the executor made it. */
export interface ExecutorDatabase {
  readonly db: Kysely<ExecutorTables>;
  close(): Promise<void>;
}

/**
 * Opens Kysely over PostgreSQL from pool settings (an owned pool) or a caller's pool. Tables live
 * in the connection's `search_path` schema.
 */
export function openDatabase(
  source: pg.PoolConfig | pg.Pool,
  onPoolError: (error: Error) => void,
): ExecutorDatabase {
  const owned = !(source instanceof pg.Pool);
  const pool = source instanceof pg.Pool ? source : new pg.Pool(source);
  if (owned) pool.on('error', onPoolError);
  const db = new Kysely<ExecutorTables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    close: async () => {
      if (owned) await db.destroy();
    },
  };
}
