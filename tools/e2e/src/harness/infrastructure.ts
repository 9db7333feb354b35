import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { testDatabaseUrl, uniqueName } from '@hoga/testkit';

/** A free loopback port chosen by the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** A private `nats-server -js` for one test: its own streams, consumers and KV. */
export interface PrivateNats {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `/usr/sbin/nats-server` on a free port with JetStream in a temp dir. */
export async function startPrivateNats(): Promise<PrivateNats> {
  const binary = process.env['NATS_SERVER_BIN'] ?? '/usr/sbin/nats-server';
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'hoga-e2e-nats-'));
  const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
    stdio: 'ignore',
  });
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(storeDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`nats-server did not start on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `nats://127.0.0.1:${port}`, stop };
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
