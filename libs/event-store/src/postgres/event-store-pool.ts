import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * True for an error after which a connection must not be reused: the server ended the session
 * (class 08 connection exception, 57P01-57P03 shutdown or termination), or the socket failed
 * (an error without a SQLSTATE).
 */
function breaksConnection(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || code.startsWith('57P');
}

/**
 * A pg pool as the event store hands it to Kysely:
 * - each distinct parameterised SQL text runs as a named prepared statement, so PostgreSQL
 *   parses and plans it once per connection instead of on every call (statements without
 *   parameters, and texts beyond `maxStatements` distinct ones, run unnamed);
 * - a connection whose session died (terminated backend, restart, reset socket) is destroyed
 *   on release instead of going back to the pool, so the next query gets a live one.
 */
export function eventStorePool(pool: pg.Pool, maxStatements = 100): PostgresPool {
  const names = new Map<string, string>();
  // Named by a hash of the text, so stores sharing one pg pool agree on what a name means.
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < maxStatements) {
      name = `event_store_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      names.set(text, name);
    }
    return name;
  };
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let broken = false;
    async function run<R>(
      text: string,
      parameters: readonly unknown[],
    ): Promise<PostgresQueryResult<R>> {
      const name = parameters.length > 0 ? nameOf(text) : undefined;
      try {
        const values = [...parameters];
        const result = await (name === undefined
          ? client.query(text, values)
          : client.query({ name, text, values }));
        // pg types `command` as string; Kysely's interface lists the commands it knows: same object.
        return result as unknown as PostgresQueryResult<R>;
      } catch (error) {
        if (breaksConnection(error)) broken = true;
        throw error;
      }
    }
    function query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
    function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    function query<R>(
      sql: string | PostgresCursor<R>,
      parameters?: readonly unknown[],
    ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
      if (typeof sql !== 'string') throw new TypeError('the event store does not use cursors');
      return run<R>(sql, parameters ?? []);
    }
    return {
      query,
      release: (destroy?: boolean) => client.release(destroy === true || broken),
    };
  };

  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
