/** A PostgreSQL database of its own for one frame-to-order mode (the services take a plain URL). */
import pg from 'pg';
import { testDatabaseUrl, uniqueName } from '@hoga/testkit';

/** A fresh database; `drop()` removes it (connections still open are closed by force). */
export interface BenchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const base = await testDatabaseUrl();
  const name = uniqueName(label);
  await admin(base, `CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
