import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testDatabaseUrl } from './infrastructure.js';

/** A short unique name: `<label>_<time>_<random>`, safe for schemas, subjects and stream names. */
export function uniqueName(label: string): string {
  const clean = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 20);
  return `${clean}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** A PostgreSQL schema of its own for one test suite; connections made from `poolConfig` use it. */
export interface TestSchema {
  readonly schema: string;
  readonly connectionString: string;
  /** pg pool settings whose `search_path` is the suite's schema. */
  readonly poolConfig: pg.PoolConfig;
  /** Drops the schema and everything in it. */
  dispose(): Promise<void>;
}

/** Creates a fresh schema for a suite, so suites never collide and can run repeatedly. */
export async function createTestSchema(label: string): Promise<TestSchema> {
  const connectionString = await testDatabaseUrl();
  const schema = uniqueName(label);
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await admin.end();
  }
  return {
    schema,
    connectionString,
    poolConfig: { connectionString, options: `-c search_path="${schema}"` },
    async dispose() {
      const c = new pg.Client({ connectionString });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A NATS namespace of its own for one suite: prefixes subjects, streams and buckets. */
export const testNamespace = (label: string): string => uniqueName(label);
