import type pg from 'pg';

/**
 * Runs `work` on one connection of `pool` inside `begin … commit`: committed when it resolves,
 * rolled back when it throws (the error is rethrown; a failed rollback does not hide it), and the
 * connection handed back either way. For writers that move rows and a checkpoint together.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
