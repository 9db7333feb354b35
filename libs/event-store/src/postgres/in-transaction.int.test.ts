import { deepStrictEqual, rejects, strictEqual } from 'node:assert/strict';
import pg from 'pg';
import { createTestSchema, type TestSchema } from '@hoga/testkit';
import { inTransaction } from './in-transaction.js';

describe('inTransaction (PostgreSQL)', () => {
  let schema: TestSchema;
  let pool: pg.Pool;

  before(async () => {
    schema = await createTestSchema('in_transaction');
    pool = new pg.Pool({ ...schema.poolConfig, max: 1 });
    await pool.query('create table t (n int)');
  });
  after(async () => {
    await pool.end();
    await schema.dispose();
  });

  const rows = async () => (await pool.query<{ n: number }>('select n from t order by n')).rows;

  it('commits what the work wrote and returns its result', async () => {
    const result = await inTransaction(pool, async (c) => {
      await c.query('insert into t values (1), (2)');
      return 'done';
    });
    strictEqual(result, 'done');
    deepStrictEqual(await rows(), [{ n: 1 }, { n: 2 }]);
  });

  it('rolls everything back when the work throws, rethrows, and hands the connection back', async () => {
    await rejects(
      inTransaction(pool, async (c) => {
        await c.query('insert into t values (3)');
        throw new Error('half way');
      }),
      /half way/,
    );
    // one connection in the pool: this read proves it was released, outside any transaction
    deepStrictEqual(await rows(), [{ n: 1 }, { n: 2 }]);
  });

  it('rethrows a failed statement and leaves the connection usable', async () => {
    await rejects(
      inTransaction(pool, (c) => c.query('insert into no_such_table values (1)')),
      /no_such_table/,
    );
    await inTransaction(pool, (c) => c.query('insert into t values (4)'));
    deepStrictEqual(await rows(), [{ n: 1 }, { n: 2 }, { n: 4 }]);
  });
});
