import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A throwaway database for one benchmark run. */
export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

async function onAdmin(adminUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Creates `hoga_bench_<time>_<random>` with durable commits (`synchronous_commit = on`). */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `hoga_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await onAdmin(adminUrl, `create database "${name}"`);
  await onAdmin(adminUrl, `alter database "${name}" set synchronous_commit = on`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => onAdmin(adminUrl, `drop database if exists "${name}" with (force)`),
  };
}

/** The settings that decide whether a commit is durable, as the bench database sees them. */
export async function durabilitySettings(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `select name, setting from pg_settings where name in ('synchronous_commit', 'fsync', 'wal_sync_method', 'server_version')`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  } finally {
    await client.end();
  }
}
