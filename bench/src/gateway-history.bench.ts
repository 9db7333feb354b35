/**
 * `npm run bench -- gateway-history`: the dashboard-gateway's history read model with 100,000
 * closed and 1,000 open positions (real position events in a fresh event store): how fast the
 * gateway's projection catches up with them, then the time of one page of `GET /api/positions`
 * (first, deep, filtered) and of the timeline over HTTP. `--closed=N --open=M` change the counts.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectNatsBus, removeNatsNamespace } from '@hoga/bus';
import { start } from '@hoga/dashboard-gateway';
import { PostgresEventStore } from '@hoga/event-store';
import { createLogger, unservedMetrics } from '@hoga/telemetry';
import { createBenchDatabase } from './event-store-database.js';
import { appendPositions, FIRST_OPEN, templates } from './gateway-history-world.js';
import { elapsedMs, percentile, printTable, writeResults, type Row } from './report.js';

/** The gateway's session cookie (its `SESSION_COOKIE`). */
const SESSION_COOKIE = 'hoga_session';
/** Timed requests per measured page. */
const REPEATS = 40;
/** Templates: positions copy them in turn (100 positions per opening time at 100,000). */
const TEMPLATES = 1000;

const countArg = (args: readonly string[], name: string, fallback: number): number => {
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  const n = arg ? Number(arg.slice(name.length + 3)) : fallback;
  return Number.isSafeInteger(n) && n >= 0 ? n : fallback;
};

interface PageReply {
  readonly items: readonly unknown[];
  readonly nextCursor: string | null;
}

/** Whether the projection has refreshed its tables' statistics (it does after a catch-up). */
async function analyzed(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ n: string }>(
    `select count(*)::text as n from pg_stat_user_tables
      where relname in ('gateway_history_positions', 'gateway_history_timeline')
        and last_analyze is not null`,
  );
  return rows[0]?.n === '2';
}

/**
 * Waits until the gateway's projection has folded the store's last event (in `readAll` order:
 * transaction id, then global position) and analyzed its tables; returns the ms since `started`.
 */
async function caughtUp(pool: pg.Pool, started: bigint, timeoutMs: number): Promise<number> {
  const { rows } = await pool.query<{ tx: string; gp: string }>(
    `select transaction_id::text as tx, global_position::text as gp from events
      order by transaction_id desc, global_position desc limit 1`,
  );
  const last = rows[0] ?? { tx: '0', gp: '0' };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await pool
      .query<{ tx: string; gp: string }>(
        `select transaction_id::text as tx, global_position::text as gp
           from gateway_history_checkpoint where id = 1`,
      )
      .catch(() => ({ rows: [] as { tx: string; gp: string }[] }));
    const at = r.rows[0] ?? { tx: '0', gp: '0' };
    const done =
      BigInt(at.tx) > BigInt(last.tx) ||
      (BigInt(at.tx) === BigInt(last.tx) && BigInt(at.gp) >= BigInt(last.gp));
    if (done && (await analyzed(pool))) return elapsedMs(started);
    if (Date.now() > deadline) throw new Error('the history projection did not catch up in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs the benchmark (see the file comment). */
export async function run(args: string[]): Promise<void> {
  const closed = countArg(args, 'closed', 100_000);
  const open = countArg(args, 'open', 1_000);
  const loadBefore = os.loadavg()[0]!;
  const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const namespace = `bench_gwh_${randomBytes(3).toString('hex')}`;
  const database = await createBenchDatabase(adminUrl);
  const store = new PostgresEventStore({ connectionString: database.url, max: 8 });
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const logger = createLogger({ service: 'dashboard-gateway', level: 'warn', sinks: [] });
  let stopGateway: (() => Promise<void>) | undefined;
  const bus = await connectNatsBus({ servers: natsUrl, namespace, name: 'bench', logger });
  try {
    await store.migrate();
    let t0 = process.hrtime.bigint();
    const closedEvents = await appendPositions(
      store,
      templates(Math.min(TEMPLATES, closed), true),
      closed,
      'closed-',
    );
    const openEvents = await appendPositions(
      store,
      templates(Math.min(TEMPLATES, open), false, TEMPLATES),
      open,
      'open-',
    );
    const events = closedEvents + openEvents;
    const fillMs = elapsedMs(t0);
    console.log(
      `stored ${String(closed + open)} positions (${String(events)} events) in ${String(Math.round(fillMs))} ms`,
    );

    t0 = process.hrtime.bigint();
    const gateway = await start({
      env: {},
      config: { dashboardGateway: { port: 0 } },
      connections: {
        ...{ bus, store, logger, metrics: unservedMetrics() },
        database: { connectionString: database.url },
      },
    });
    stopGateway = () => gateway.stop();
    const catchUpMs = await caughtUp(pool, t0, 30 * 60_000);
    const catchUp: Row = {
      positions: closed + open,
      events,
      'catch-up ms': catchUpMs,
      'events/s': (events / catchUpMs) * 1000,
      'positions/s': ((closed + open) / catchUpMs) * 1000,
    };
    printTable('gateway-history: projection catch-up (start of the gateway on a full store)', [
      catchUp,
    ]);

    const session = gateway.context.sessions.open('bench', 'viewer');
    const get = async (path: string): Promise<PageReply> => {
      const response = await fetch(new URL(path, gateway.url), {
        headers: { cookie: `${SESSION_COOKIE}=${session.id}` },
      });
      if (response.status !== 200) throw new Error(`${path}: ${String(response.status)}`);
      return (await response.json()) as PageReply;
    };
    /** The cursor `depth` rows into a listing (pages of up to 500). */
    const cursorAt = async (path: string, depth: number): Promise<string> => {
      let cursor: string | null = null;
      for (let seen = 0; seen < depth;) {
        const limit = Math.min(500, depth - seen);
        const sep = path.includes('?') ? '&' : '?';
        const page = await get(
          `${path}${sep}limit=${String(limit)}${cursor === null ? '' : `&cursor=${cursor}`}`,
        );
        if (page.nextCursor === null) throw new Error(`${path}: not ${String(depth)} rows deep`);
        cursor = page.nextCursor;
        seen += limit;
      }
      if (cursor === null) throw new Error(`${path}: no depth asked`);
      return cursor;
    };
    const day = (d: number) => new Date(FIRST_OPEN + d * 86_400_000).toISOString();
    const deep = await cursorAt('/api/positions', Math.floor((closed + open) / 2));
    const deepBtc = await cursorAt('/api/positions?market=KRW-BTC', Math.floor(closed / 20));
    const pages: [string, string][] = [
      ['first page', '/api/positions?limit=50'],
      ['deep page (half way)', `/api/positions?limit=50&cursor=${deep}`],
      ['closed, one market', '/api/positions?status=closed&market=KRW-ETH&limit=50'],
      ['open (every status but closed)', '/api/positions?status=open&limit=50'],
      ['one day, closed', `/api/positions?status=closed&from=${day(3)}&to=${day(4)}&limit=50`],
      ['one market, deep', `/api/positions?market=KRW-BTC&limit=50&cursor=${deepBtc}`],
      ['largest page (500)', '/api/positions?status=closed&limit=500'],
      ['timeline, one day', `/api/timeline?from=${day(2)}&to=${day(3)}&limit=100`],
      [
        'timeline, commands of a week',
        `/api/timeline?kind=command&from=${day(0)}&to=${day(7)}&limit=100`,
      ],
      ['one position, events folded', '/api/positions/closed-777/events'],
    ];
    const rows: Row[] = [];
    for (const [name, path] of pages) {
      await get(path); // warm the plan and the cache
      const samples: number[] = [];
      let items = 0;
      for (let i = 0; i < REPEATS; i++) {
        const t = process.hrtime.bigint();
        const page = await get(path);
        samples.push(elapsedMs(t));
        items =
          'items' in page
            ? page.items.length
            : (page as unknown as { events: unknown[] }).events.length;
      }
      rows.push({
        request: name,
        items,
        'p50 ms': percentile(samples, 50),
        'p99 ms': percentile(samples, 99),
        'max ms': Math.max(...samples),
      });
    }
    printTable(
      `gateway-history: one page over HTTP (${String(closed)} closed + ${String(open)} open positions, ${String(REPEATS)} requests each)`,
      rows,
    );
    const file = writeResults('gateway-history', [catchUp, ...rows], {
      closed,
      open,
      events,
      fillMs,
      repeats: REPEATS,
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg()[0],
    });
    console.log(`\nwritten to ${file}`);
  } finally {
    await stopGateway?.();
    await bus.close();
    await removeNatsNamespace({ servers: natsUrl, namespace }).catch(() => undefined);
    await pool.end();
    await store.close();
    await database.drop();
  }
}
