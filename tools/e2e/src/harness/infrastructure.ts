import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, startNatsServerProcess, testDatabaseUrl, uniqueName } from '@hoga/testkit';

/** A private `nats-server -js` for one test: its own streams, consumers and KV. */
export interface PrivateNats {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `nats-server` (`NATS_SERVER_BIN`, else the PATH) on a free port with JetStream in a temp dir. */
export async function startPrivateNats(): Promise<PrivateNats> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'hoga-e2e-nats-'));
  const remove = () => rmSync(storeDir, { recursive: true, force: true });
  const server = await startNatsServerProcess({
    port,
    args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
  }).catch((error: unknown) => {
    remove();
    throw error;
  });
  return { url: server.url, stop: async () => (await server.stop(), remove()) };
}

/** A PostgreSQL database of its own for one test (advisory locks and `pg_locks` are per database). */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database, disconnecting whatever is still connected. */
  dispose(): Promise<void>;
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * `CREATE DATABASE` next to `DATABASE_URL`'s. The services take a `database.url` and no schema,
 * and position-actor counts its live instances in `pg_locks` of the current database, so a
 * database per test also keeps other suites' instances out of the count.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const baseUrl = await testDatabaseUrl();
  const name = uniqueName(label);
  await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    dispose: () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
