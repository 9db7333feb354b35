import type pg from 'pg';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { isCorruptRowError, PostgresEventStore, type EventStoreTables } from '@hoga/event-store';
import { AuditSourceError } from './audit-source.error.js';
import { assertHogaSchema } from './hoga-schema.query.js';
import { workerConnectionOf } from './chain-workers.js';

/** What the audit queries through: one connection, inside one read-only snapshot. */
export type Db = Pick<pg.PoolClient, 'query'>;

/** An event store that reads through `client` (its snapshot), never releasing or ending it. */
function storeOn(client: pg.PoolClient): PostgresEventStore {
  const pool: PostgresPool = {
    connect: async () => {
      const shared: PostgresPoolClient = {
        query: client.query.bind(client),
        release: () => undefined,
      };
      return shared;
    },
    end: async () => undefined,
  };
  return new PostgresEventStore(
    new Kysely<EventStoreTables>({ dialect: new PostgresDialect({ pool }) }),
  );
}

/** The audit's connection: its snapshot, its store, and how other threads may connect. */
export interface Snapshot {
  readonly client: pg.PoolClient;
  readonly store: PostgresEventStore;
  /** The pool's settings for a worker's own connection; null when they cannot be sent. */
  readonly workerConnection: pg.ClientConfig | null;
}

/** Runs `read` on one connection inside one read-only repeatable-read snapshot. */
export async function inSnapshot<A>(
  pool: pg.Pool,
  read: (snapshot: Snapshot) => Promise<A>,
): Promise<A> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new AuditSourceError(
      'database',
      `cannot reach the database: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const store = storeOn(client);
  try {
    // One snapshot for everything read: the streams' heads, their events and the executor's
    // rows agree with each other even while the engine keeps writing.
    await client.query('begin isolation level repeatable read read only');
    await assertHogaSchema(client);
    return await read({ client, store, workerConnection: workerConnectionOf(pool) });
  } catch (error) {
    if (error instanceof AuditSourceError) throw error;
    if (isCorruptRowError(error))
      throw new AuditSourceError('corrupt-row', error.message, { cause: error });
    if (error instanceof Error && 'code' in error)
      throw new AuditSourceError('database', `cannot read the database: ${error.message}`, {
        cause: error,
      });
    throw error;
  } finally {
    await store.close();
    await client.query('rollback').catch(() => undefined);
    client.release();
  }
}
