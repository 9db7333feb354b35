/**
 * The audit bench's store: a database of its own holding `positions` clean position lives
 * (`cleanLife` of @hoga/audit's fixtures: opened, entry order, fill, activated, take-profit
 * triggered, exit order, fill, closed — 10 events each, hash-chained as the store chains them)
 * with order-executor's orders and trades rows, written in bulk with `unnest` (not through
 * `append`: seeding a million events one append at a time would take an hour). The database is
 * kept between runs and reused when its seed record says it is complete and of this size and
 * seed version; `--reseed` throws it away and writes it again.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { cleanLife, recorded } from '@hoga/audit/testing';
import { inTransaction, PostgresEventStore } from '@hoga/event-store';
import { migrateExecutor } from '@hoga/order-executor';

/** Bumped whenever what is seeded changes, so an old cached store is not reused. */
const SEED_VERSION = 1;

/** Positions written per statement. */
const CHUNK = 2_000;

export interface AuditBenchStore {
  readonly url: string;
  readonly positions: number;
  readonly events: number;
  /** True when this run wrote it; false when a complete store of the same seed was reused. */
  readonly seeded: boolean;
  readonly seedMs: number;
}

async function onAdmin<A>(adminUrl: string, run: (c: pg.Client) => Promise<A>): Promise<A> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

const databaseUrl = (adminUrl: string, name: string): string => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The seed record of a complete store, or null (no database, no record, another seed). */
async function completeSeed(url: string, positions: number): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return null;
  }
  try {
    const { rows } = await client.query<{ events: number }>(
      `select events from bench_audit_seed where positions = $1 and seed_version = $2`,
      [positions, SEED_VERSION],
    );
    return rows[0]?.events ?? null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** Writes `from` .. `to` - 1 positions' events, streams rows, orders and trades. */
async function seedChunk(pool: pg.Pool, from: number, to: number): Promise<number> {
  const e = {
    stream: [] as string[],
    version: [] as number[],
    type: [] as string[],
    data: [] as string[],
    metadata: [] as string[],
    at: [] as string[],
    hash: [] as string[],
  };
  const s = { stream: [] as string[], version: [] as number[], head: [] as string[] };
  const o: Record<string, (string | number | null)[]> = {};
  const t: Record<string, string[]> = {};
  const push = <V>(into: Record<string, V[]>, row: Record<string, V>): void => {
    for (const [k, v] of Object.entries(row)) (into[k] ??= []).push(v);
  };
  for (let i = from; i < to; i += 1) {
    const life = cleanLife(`bench-${i.toString().padStart(7, '0')}`);
    const rows = recorded(life);
    for (const r of rows) {
      e.stream.push(r.streamId);
      e.version.push(r.streamVersion);
      e.type.push(r.type);
      e.data.push(JSON.stringify(r.data));
      e.metadata.push(JSON.stringify(r.metadata));
      e.at.push(r.recordedAt.toISOString());
      e.hash.push(`\\x${r.hash!}`);
    }
    const last = rows[rows.length - 1]!;
    s.stream.push(last.streamId);
    s.version.push(last.streamVersion);
    s.head.push(`\\x${last.hash!}`);
    for (const row of life.orders) push(o, { ...row });
    for (const row of life.trades) push(t, { ...row });
  }
  await inTransaction(pool, async (client) => {
    await client.query(
      `insert into events (stream_id, stream_version, type, data, metadata, recorded_at, hash)
       select * from unnest($1::text[], $2::int[], $3::text[], $4::jsonb[], $5::jsonb[],
         $6::timestamptz[], $7::bytea[])`,
      [e.stream, e.version, e.type, e.data, e.metadata, e.at, e.hash],
    );
    await client.query(
      `insert into streams (stream_id, version, head_hash)
       select * from unnest($1::text[], $2::int[], $3::bytea[])`,
      [s.stream, s.version, s.head],
    );
    await client.query(
      `insert into orders (order_id, identifier, position_id, leg, attempt, market, side, kind,
         total_krw, volume, state, exchange_uuid, command_id, correlation_id)
       select o.*, o.order_id, o.position_id from unnest($1::text[], $2::text[], $3::text[],
         $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::numeric[], $10::numeric[],
         $11::text[], $12::text[]) as o(order_id, identifier, position_id, leg, attempt, market,
         side, kind, total_krw, volume, state, exchange_uuid)`,
      [
        o['order_id'],
        o['identifier'],
        o['position_id'],
        o['leg'],
        o['attempt'],
        o['market'],
        o['side'],
        o['kind'],
        o['total_krw'],
        o['volume'],
        o['state'],
        o['exchange_uuid'],
      ],
    );
    await client.query(
      `insert into trades (trade_uuid, order_id, market, side, price, volume, funds, fee,
         traded_at, source)
       select *, 'ws' from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[],
         $6::numeric[], $7::numeric[], $8::numeric[], $9::timestamptz[])`,
      [
        t['trade_uuid'],
        t['order_id'],
        t['market'],
        t['side'],
        t['price'],
        t['volume'],
        t['funds'],
        t['fee'],
        t['traded_at'],
      ],
    );
  });
  return e.stream.length;
}

/** The seeded store of `positions` positions: reused when complete, else written afresh. */
export async function auditBenchStore(
  adminUrl: string,
  positions: number,
  reseed: boolean,
): Promise<AuditBenchStore> {
  const name = `hoga_bench_audit_${positions}`;
  const url = databaseUrl(adminUrl, name);
  const cached = reseed ? null : await completeSeed(url, positions);
  if (cached !== null) return { url, positions, events: cached, seeded: false, seedMs: 0 };

  const started = performance.now();
  await onAdmin(adminUrl, async (admin) => {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    await new PostgresEventStore(pool).migrate();
    await migrateExecutor(new Kysely({ dialect: new PostgresDialect({ pool }) }));
    let events = 0;
    for (let from = 0; from < positions; from += CHUNK) {
      events += await seedChunk(pool, from, Math.min(positions, from + CHUNK));
      if ((from / CHUNK) % 10 === 0)
        process.stderr.write(`seeded ${events.toLocaleString('en-US')} events\n`);
    }
    await pool.query('vacuum analyze');
    await pool.query(
      `create table bench_audit_seed as select $1::int as positions, $2::int as events,
         $3::int as seed_version, now() as seeded_at`,
      [positions, events, SEED_VERSION],
    );
    return { url, positions, events, seeded: true, seedMs: performance.now() - started };
  } finally {
    await pool.end();
  }
}
