import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import { Kysely, PostgresDialect, type DatabaseIntrospector, type Dialect } from 'kysely';
import pg from 'pg';
import { createTestSchema, type TestSchema } from '@hoga/testkit';
import { migrateInCurrentSchema, type SchemaMigrations } from './migrate-in-schema.js';

class TestMigrationError extends Error {
  override readonly name = 'TestMigrationError';
}

const migrations: SchemaMigrations = {
  label: 'test',
  table: 'test_migration',
  migrations: {
    '0001_things': {
      async up(db) {
        await db.schema.createTable('things').addColumn('id', 'text').execute();
      },
    },
  },
  error: (message, options) => new TestMigrationError(message, options),
};

/** PostgreSQL's error when a schema named in a query went away meanwhile. */
const schemaGone = (name: string) =>
  Object.assign(new Error(`schema "${name}" does not exist`), { code: '3F000' });

/**
 * A real PostgreSQL connection whose table listing (what Kysely's migrator uses to find its
 * migration tables) fails with the given errors first, as when other schemas are dropped while
 * it lists every schema's tables.
 */
function flakyListing(pool: pg.Pool, failures: Error[]): Kysely<unknown> {
  const base = new PostgresDialect({ pool });
  const dialect: Dialect = {
    createDriver: () => base.createDriver(),
    createQueryCompiler: () => base.createQueryCompiler(),
    createAdapter: () => base.createAdapter(),
    createIntrospector: (db): DatabaseIntrospector => {
      const real = base.createIntrospector(db);
      return {
        getSchemas: () => real.getSchemas(),
        getMetadata: (o) => real.getMetadata(o),
        getTables: async (o) => {
          const failure = failures.shift();
          if (failure) throw failure;
          return real.getTables(o);
        },
      };
    },
  };
  return new Kysely<unknown>({ dialect });
}

describe('migrateInCurrentSchema (PostgreSQL)', () => {
  let schema: TestSchema;
  let pool: pg.Pool;

  beforeEach(async () => {
    schema = await createTestSchema('migrate_in_schema');
    pool = new pg.Pool(schema.poolConfig);
  });

  afterEach(async () => {
    await pool.end();
    await schema.dispose();
  });

  const tables = async (): Promise<string[]> => {
    const { rows } = await pool.query<{ table_name: string }>(
      'select table_name from information_schema.tables where table_schema = $1 order by 1',
      [schema.schema],
    );
    return rows.map((r) => r.table_name);
  };

  it('migrates once, and a second run changes nothing', async () => {
    const db = flakyListing(pool, []);
    await migrateInCurrentSchema(db, migrations);
    await migrateInCurrentSchema(db, migrations);
    deepStrictEqual(await tables(), ['test_migration', 'test_migration_lock', 'things']);
  });

  it('tries again when another schema went away while Kysely listed the tables', async () => {
    const db = flakyListing(pool, [schemaGone('someone_else_1'), schemaGone('someone_else_2')]);
    await migrateInCurrentSchema(db, migrations);
    deepStrictEqual(await tables(), ['test_migration', 'test_migration_lock', 'things']);
  });

  it('gives up after three such failures, with its own error and the cause', async () => {
    const failures = [1, 2, 3].map((i) => schemaGone(`someone_else_${i}`));
    const db = flakyListing(pool, failures);
    await rejects(migrateInCurrentSchema(db, migrations), (error: unknown) => {
      ok(error instanceof TestMigrationError);
      ok(error.message.includes(`failed in schema "${schema.schema}"`), error.message);
      strictEqual((error.cause as { code?: string }).code, '3F000');
      return true;
    });
    deepStrictEqual(await tables(), []);
  });

  it('does not try again when its own schema is gone, nor on other errors', async () => {
    for (const failure of [schemaGone(schema.schema), new Error('connection reset')]) {
      const db = flakyListing(pool, [failure, schemaGone('never_reached')]);
      await rejects(migrateInCurrentSchema(db, migrations), TestMigrationError);
    }
    deepStrictEqual(await tables(), []);
  });

  it('refuses a connection whose search_path names no existing schema', async () => {
    const lost = new pg.Pool({ ...schema.poolConfig, options: '-c search_path=no_such_schema_x' });
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: lost }) });
    try {
      await rejects(migrateInCurrentSchema(db, migrations), /no current schema/);
    } finally {
      await db.destroy();
    }
  });
});
