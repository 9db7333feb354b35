import type pg from 'pg';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { eventStreams } from '@hoga/contracts';
import {
  isCorruptRowError,
  PostgresEventStore,
  scanStreams,
  type ChainHead,
  type EventStoreTables,
  type StreamScanFilter,
} from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import {
  AuditRun,
  type AuditOptions,
  type AuditReport,
  type AuditScope,
  withStoreFindings,
} from '../core/audit-run.js';
import { executorRecords, type ExecutorRecords } from '../core/executor-records.js';
import { findingAcknowledgements, operatorCommands, type OperatorCommand } from '../core/ops.js';
import { riskAuditIn, RiskReplay, type RiskAudit } from '../core/risk-replay.js';
import { windowProblem, type TimeWindow } from '../core/time-window.js';
import { AuditSourceError } from './audit-source.error.js';
import { orderOfRow, tradeOfRow } from './executor-rows.codec.js';
import { walkChainsInWorkers, workerConnectionOf, type ChainWorkers } from './chain-workers.js';

/** How far a long audit is: events read and streams done (of the total when known). */
export interface AuditProgress {
  readonly events: number;
  readonly streams: number;
  readonly totalStreams: number;
  /** The events the streams in scope hold by their `streams` heads (0 when unknown). */
  readonly totalEvents?: number;
}

/** The events the streams hold by their heads: the total a progress bar counts towards. */
async function eventsInScope(pool: Db, scope: AuditScope, ids: readonly string[]): Promise<number> {
  const { rows } = await pool.query<{ total: string }>(
    scope.kind === 'all'
      ? `select coalesce(sum(version), 0)::text as total from streams where stream_id like $1`
      : `select coalesce(sum(version), 0)::text as total from streams where stream_id = any($1::text[])`,
    [scope.kind === 'all' ? POSITION_STREAMS : ids],
  );
  return Number(rows[0]?.total ?? 0);
}

/** The options with each progress report told the total events. */
const withTotal = (options: PostgresAuditOptions, totalEvents: number): PostgresAuditOptions => {
  const tell = options.onProgress;
  return tell === undefined
    ? options
    : { ...options, onProgress: (p) => tell({ ...p, totalEvents }) };
};

export interface PostgresAuditOptions extends Omit<AuditOptions, 'walkChains'> {
  /** Told after each page or stream read (for a progress bar). */
  readonly onProgress?: (progress: AuditProgress) => void;
  /**
   * Worker threads that walk the hash chains (each reading its share of the streams in the
   * audit's snapshot on a connection of its own) while the main thread replays; default 0: the
   * main thread walks them. Measured on the 2 shared CPUs this is written on, a worker costs more
   * than it saves (ADR 0048, addendum "speed"); it is for a machine with idle cores.
   */
  readonly chainWorkers?: number;
}

/** The chain workers to start: as asked, none by default. */
const chainWorkerCount = (options: PostgresAuditOptions): number =>
  Math.max(0, Math.floor(options.chainWorkers ?? 0));

/** What the audit queries through: one connection, inside one read-only snapshot. */
type Db = Pick<pg.PoolClient, 'query'>;

const POSITION_PREFIX = eventStreams.positionPrefix;
const POSITION_STREAMS = `${POSITION_PREFIX}%`;

/**
 * Refuses a database (schema) that is not hoga's: the event store's tables and migration table,
 * and order-executor's `orders` and `trades`, must be there.
 */
async function assertHogaSchema(pool: Db): Promise<void> {
  const { rows } = await pool.query<{
    schema: string | null;
    db: string;
    events: string | null;
    migrations: string | null;
    orders: string | null;
    trades: string | null;
  }>(`select current_schema() as schema, current_database() as db,
        to_regclass('events')::text as events, to_regclass('event_store_migration')::text as migrations,
        to_regclass('orders')::text as orders, to_regclass('trades')::text as trades`);
  const r = rows[0]!;
  const where = `schema "${r.schema ?? '(none)'}" of database "${r.db}"`;
  if (r.events === null || r.migrations === null)
    throw new AuditSourceError(
      'not-hoga',
      `${where} has no hoga event store (no events table and event_store_migration): is this hoga's database? ` +
        'Give its URL with --database, or the schema with --schema.',
    );
  const chained = await pool.query(
    `select 1 from event_store_migration where name = '0002_hash_chain'`,
  );
  if (chained.rows.length === 0)
    throw new AuditSourceError(
      'not-migrated',
      `${where} holds a hoga event store written before the hash chain (migration 0002_hash_chain ` +
        'has not run): start the engine (or any service) on it once to migrate it, then audit.',
    );
  if (r.orders === null || r.trades === null)
    throw new AuditSourceError(
      'no-executor-tables',
      `${where} has hoga's events but not order-executor's orders and trades tables: ` +
        'there is nothing to prove the ledger against (has order-executor ever run on it?)',
    );
}

/** The position streams in scope (stream ids), by the scope's rule. */
async function streamsInScope(pool: Db, scope: AuditScope): Promise<string[]> {
  if (scope.kind === 'position') {
    const id = eventStreams.position(scope.positionId as PositionId);
    const { rows } = await pool.query(
      `select 1 from streams where stream_id = $1 union all
       select 1 from events where stream_id = $1 limit 1`,
      [id],
    );
    if (rows.length === 0)
      throw new AuditSourceError(
        'unknown-position',
        `no position ${scope.positionId} in this store (no stream ${id})`,
      );
    return [id];
  }
  if (scope.kind === 'window') {
    if (!(Date.parse(scope.from) < Date.parse(scope.to)))
      throw new AuditSourceError(
        'bad-scope',
        `the time window must start before it ends (from ${scope.from}, to ${scope.to})`,
      );
    const { rows } = await pool.query<{ stream_id: string }>(
      `select distinct e.stream_id from events e
        where e.stream_id like $1 and e.recorded_at >= $2 and e.recorded_at < $3
          and ($4::text is null or exists (select 1 from events o where o.stream_id = e.stream_id
                and o.type = 'PositionOpened' and o.data->>'market' = $4))
        order by e.stream_id`,
      [POSITION_STREAMS, scope.from, scope.to, scope.market],
    );
    return rows.map((r) => r.stream_id);
  }
  const { rows } = await pool.query<{ stream_id: string }>(
    `select stream_id from streams where stream_id like $1
     union select distinct stream_id from events where stream_id like $1 order by 1`,
    [POSITION_STREAMS],
  );
  return rows.map((r) => r.stream_id);
}

/** Each stream's version and hash-chain head in the `streams` table. */
async function streamHeads(
  pool: Db,
  ids: readonly string[],
): Promise<{ heads: Map<string, number>; chainHeads: Map<string, ChainHead> }> {
  const { rows } = await pool.query<{ stream_id: string; version: number; head: string | null }>(
    `select stream_id, version, encode(head_hash, 'hex') as head from streams
      where stream_id = any($1::text[])`,
    [ids],
  );
  return {
    heads: new Map(rows.map((r) => [r.stream_id, r.version])),
    chainHeads: new Map(rows.map((r) => [r.stream_id, { version: r.version, hash: r.head }])),
  };
}

/**
 * order-executor's orders of these positions (all orders for a whole-store audit) and of these
 * intents' order ids, and the trades of those orders.
 */
async function readRecords(
  pool: Db,
  positionIds: readonly string[],
  intentOrderIds: readonly string[],
  everything: boolean,
): Promise<ExecutorRecords> {
  const orders = await pool.query(
    `select order_id, identifier, position_id, leg, side, state, exchange_uuid from orders
      where $3 or position_id = any($1::text[]) or order_id = any($2::text[])`,
    [positionIds, intentOrderIds, everything],
  );
  const ids = orders.rows.map((r: Record<string, unknown>) => String(r['order_id']));
  const trades = await pool.query(
    `select trade_uuid, order_id, market, side, price::text, volume::text, funds::text, fee::text,
            to_json(traded_at)#>>'{}' as traded_at
       from trades where order_id = any($1::text[]) order by traded_at, trade_uuid`,
    [[...new Set([...ids, ...intentOrderIds])]],
  );
  return executorRecords(
    orders.rows.map((r: Record<string, unknown>) => orderOfRow(r)),
    trades.rows.map((r: Record<string, unknown>) => tradeOfRow(r)),
  );
}

/**
 * What the audit scans: a whole-store audit every position stream by prefix, a narrower one its
 * streams by id.
 */
const scanFilter = (scope: AuditScope, streams: readonly string[]): StreamScanFilter =>
  scope.kind === 'all' ? { prefix: POSITION_PREFIX } : { streamIds: streams };

/**
 * Feeds the run every stored event of the streams in scope, folding while it reads: one
 * server-side cursor over the events in (stream, version) order, fetched in large batches, in
 * the audit's snapshot (`scanStreams`).
 */
async function feedEvents(
  client: Db,
  run: AuditRun,
  filter: StreamScanFilter,
  totalStreams: number,
  options: PostgresAuditOptions,
): Promise<void> {
  let events = 0;
  let done = 0;
  let current: string | null = null;
  for await (const batch of scanStreams(client, filter)) {
    for (const row of batch) {
      if (row.streamId !== current) {
        current = row.streamId;
        done += 1;
      }
      run.add(row);
    }
    events += batch.length;
    options.onProgress?.({ events, streams: done, totalStreams });
  }
}

/** An event store that reads through `client` (its snapshot), never releasing or ending it. */
function storeOn(client: pg.PoolClient): PostgresEventStore {
  const pool: PostgresPool = {
    connect: async () => {
      const shared: PostgresPoolClient = {
        query: client.query.bind(client),
        release: () => undefined,
      };
      return shared;
    },
    end: async () => undefined,
  };
  return new PostgresEventStore(
    new Kysely<EventStoreTables>({ dialect: new PostgresDialect({ pool }) }),
  );
}

/** The audit's connection: its snapshot, its store, and how other threads may connect. */
interface Snapshot {
  readonly client: pg.PoolClient;
  readonly store: PostgresEventStore;
  /** The pool's settings for a worker's own connection; null when they cannot be sent. */
  readonly workerConnection: pg.ClientConfig | null;
}

/** Runs `read` on one connection inside one read-only repeatable-read snapshot. */
async function inSnapshot<A>(pool: pg.Pool, read: (snapshot: Snapshot) => Promise<A>): Promise<A> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new AuditSourceError(
      'database',
      `cannot reach the database: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const store = storeOn(client);
  try {
    // One snapshot for everything read: the streams' heads, their events and the executor's
    // rows agree with each other even while the engine keeps writing.
    await client.query('begin isolation level repeatable read read only');
    await assertHogaSchema(client);
    return await read({ client, store, workerConnection: workerConnectionOf(pool) });
  } catch (error) {
    if (error instanceof AuditSourceError) throw error;
    if (isCorruptRowError(error))
      throw new AuditSourceError('corrupt-row', error.message, { cause: error });
    if (error instanceof Error && 'code' in error)
      throw new AuditSourceError('database', `cannot read the database: ${error.message}`, {
        cause: error,
      });
    throw error;
  } finally {
    await store.close();
    await client.query('rollback').catch(() => undefined);
    client.release();
  }
}

/**
 * Starts the chain workers for this audit (none when `count` is 0 or the pool's settings cannot
 * be sent to a thread): they read the same streams in this transaction's exported snapshot.
 */
async function startChainWorkers(
  snapshot: Snapshot,
  filter: StreamScanFilter,
  count: number,
): Promise<ChainWorkers | null> {
  if (count === 0 || snapshot.workerConnection === null) return null;
  const { rows } = await snapshot.client.query<{ id: string }>('select pg_export_snapshot() as id');
  return walkChainsInWorkers(snapshot.workerConnection, rows[0]!.id, filter, count);
}

/** The positions of `scope`, folded and checked, read through one snapshot. */
async function readPositions(
  snapshot: Snapshot,
  scope: AuditScope,
  options: PostgresAuditOptions,
): Promise<AuditReport> {
  const { client } = snapshot;
  const streams = await streamsInScope(client, scope);
  const total = await eventsInScope(client, scope, streams);
  const filter = scanFilter(scope, streams);
  const workers = await startChainWorkers(snapshot, filter, chainWorkerCount(options));
  try {
    const run = new AuditRun(scope, { ...options, walkChains: workers === null });
    for (const id of streams) run.expectStream(id);
    await feedEvents(client, run, filter, streams.length, withTotal(options, total));
    const positionIds = run.positionIds;
    const { heads, chainHeads } = await streamHeads(
      client,
      positionIds.map((p) => eventStreams.position(p as PositionId)),
    );
    const records = await readRecords(
      client,
      positionIds,
      run.intentOrderIds,
      scope.kind === 'all',
    );
    const walkedChains = workers === null ? undefined : (await workers.done).verdicts;
    return run.finish({
      records,
      heads,
      chainHeads,
      ...(walkedChains === undefined ? {} : { walkedChains }),
    });
  } catch (error) {
    await workers?.stop();
    throw error;
  }
}

/** The `risk` stream, replayed and checked. */
async function readRisk({ client, store }: Snapshot): Promise<RiskAudit> {
  const replay = new RiskReplay();
  for (const row of await store.readStream(eventStreams.risk)) replay.add(row);
  const { heads, chainHeads } = await streamHeads(client, [eventStreams.risk]);
  return replay.finish(heads.get(eventStreams.risk) ?? 0, chainHeads.get(eventStreams.risk));
}

/** Refuses a reversed or unreadable window before anything is read (`bad-scope`). */
function assertWindow(window: TimeWindow | null): void {
  const problem = window === null ? null : windowProblem(window);
  if (problem !== null) throw new AuditSourceError('bad-scope', problem);
}

/**
 * Audits hoga's PostgreSQL store (the connection's `search_path` schema) in one read-only
 * repeatable-read snapshot: reads the position streams in scope, folds them (`AuditRun`), reads
 * order-executor's orders and trades of those positions, and returns the report (scope `all`:
 * with the `risk` stream's findings, its hash chain included, among the store's). Throws
 * `AuditSourceError` when it cannot audit (not hoga's database, no such position, a reversed
 * window, a row it cannot read, a database error).
 */
export const auditPostgres = (
  pool: pg.Pool,
  scope: AuditScope,
  options: PostgresAuditOptions = {},
): Promise<AuditReport> =>
  inSnapshot(pool, async (snapshot) => {
    const report = await readPositions(snapshot, scope, options);
    // `audit all` proves the whole store: the risk stream's checks and hash chain too.
    if (scope.kind !== 'all') return report;
    return withStoreFindings(report, (await readRisk(snapshot)).findings);
  });

/**
 * Audits the `risk` stream: every trading-state transition, breach figures, who and why, and its
 * hash chain. With `window`, the timeline holds the events recorded in it (checked whole).
 */
export const auditRiskPostgres = (
  pool: pg.Pool,
  window: TimeWindow | null = null,
): Promise<RiskAudit> => {
  assertWindow(window);
  return inSnapshot(pool, async (snapshot) => riskAuditIn(await readRisk(snapshot), window));
};

/** Every operator command of the store, and the audits it comes from (one snapshot). */
export interface OpsAudit {
  readonly commands: readonly OperatorCommand[];
  readonly positions: AuditReport;
  readonly risk: RiskAudit;
}

/**
 * Audits every position and the risk stream, and lists every operator command in them and the
 * acknowledgements of the account watch's findings (`account-findings` stream). With
 * `window`: the positions with events recorded in it (each whole) and the commands recorded in it.
 */
export const auditOpsPostgres = (
  pool: pg.Pool,
  options: PostgresAuditOptions = {},
  window: TimeWindow | null = null,
): Promise<OpsAudit> => {
  assertWindow(window);
  const scope: AuditScope =
    window === null ? { kind: 'all' } : { kind: 'window', ...window, market: null };
  return inSnapshot(pool, async (snapshot) => {
    const positions = await readPositions(snapshot, scope, options);
    const risk = riskAuditIn(await readRisk(snapshot), window);
    const acks = findingAcknowledgements(
      await snapshot.store.readStream(eventStreams.accountFindings),
    );
    return {
      commands: operatorCommands(positions.positions, risk, window, acks),
      positions,
      risk,
    };
  });
};
