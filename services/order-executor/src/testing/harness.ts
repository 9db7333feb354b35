import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createInProcessBus, connectNatsBus, removeNatsNamespace, type Bus } from '@hoga/bus';
import { kv, RISK_KV_KEY, subjects, type OrderCommand } from '@hoga/contracts';
import { createLogger, memorySink, type LogRecord } from '@hoga/telemetry';
import { createTestSchema, testNamespace, testNatsUrl, type TestSchema } from '@hoga/testkit';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '@hoga/upbit-emulator';
import type { ExecutorTables } from '../adapters/db/tables.js';
import { start, type ExecutorConnections, type RunningExecutor } from '../service.js';
import { EventLog } from './event-log.js';
import { riskState } from './risk-state.js';

/** The emulator account the executor trades with. */
export const KEYS = { accessKey: 'oe-access', secretKey: 'oe-secret-0123456789' };

/** Protocol timings scaled down for tests (the rules between them hold as in production). */
export const FAST = {
  upbit: { timeoutMs: 600, wsBackoffInitialMs: 50, wsBackoffMaxMs: 200 },
  executor: {
    ackWaitMs: 2_000,
    maxDeliver: 50,
    pollIntervalMs: 200,
    lookupIntervalMs: 50,
    absenceAfterMs: 900,
    absenceLookups: 2,
    unknownAlertAfterMs: 60_000,
    balanceTtlMs: 0,
    accountPublishIntervalMs: 60_000,
  },
};

/** One test's world: the emulator, a schema, a bus namespace, an event log; executors on top. */
export class Harness {
  readonly events = new EventLog();
  readonly logs = memorySink();
  readonly #running: RunningExecutor[] = [];

  private constructor(
    readonly em: RunningEmulator,
    readonly schema: TestSchema,
    readonly bus: Bus,
    readonly db: Kysely<ExecutorTables>,
    private readonly cleanup: () => Promise<void>,
  ) {}

  /** Starts a world on the in-process bus or on NATS (own namespace). */
  static async open(bus: 'in-process' | 'nats', emulator: EmulatorOptions = {}): Promise<Harness> {
    const schema = await createTestSchema('order_executor');
    const em = await startEmulator({
      seed: 'oe',
      tickIntervalMs: 0,
      historyMinutes: 5,
      markets: [{ market: 'KRW-BTC', startPrice: '100000000' }],
      accounts: [{ ...KEYS, balances: { KRW: '10000000', BTC: '1' } }],
      rateLimits: { enabled: false },
      ...emulator,
    });
    const namespace = testNamespace('oe');
    const servers = bus === 'nats' ? await testNatsUrl() : '';
    const theBus =
      bus === 'nats'
        ? await connectNatsBus({ servers, namespace })
        : createInProcessBus({ namespace });
    const pool = new pg.Pool(schema.poolConfig);
    const db = new Kysely<ExecutorTables>({ dialect: new PostgresDialect({ pool }) });
    const h = new Harness(em, schema, theBus, db, async () => {
      await theBus.close();
      if (bus === 'nats') await removeNatsNamespace({ servers, namespace });
    });
    await h.events.start(theBus);
    return h;
  }

  /**
   * Starts an executor against this world; `config` overrides the fast test settings, `inject`
   * hands it an Upbit client (or a clock) of the test's.
   */
  async startExecutor(
    config: object = {},
    bus: Bus = this.bus,
    inject: Pick<ExecutorConnections, 'upbitClient' | 'clock'> = {},
  ): Promise<RunningExecutor> {
    const upbit = { baseUrl: this.em.url, wsUrl: this.em.privateWsUrl, ...KEYS };
    const running = await start({
      env: {},
      config: merge({ ...FAST, upbit: { ...FAST.upbit, ...upbit } }, config),
      connections: {
        ...inject,
        bus,
        database: this.schema.poolConfig,
        logger: createLogger({ service: 'order-executor', level: 'debug', sinks: [this.logs] }),
      },
    });
    this.#running.push(running);
    return running;
  }

  /** Publishes an order command as the position-actor's outbox relay does. */
  async send(command: OrderCommand): Promise<void> {
    await this.bus.publishDurable(subjects.orderCmd(), command, { msgId: command.id });
  }

  /** Sets the trading state in KV `hoga-risk`. */
  async setTradingState(state: 'ACTIVE' | 'REDUCING' | 'HALTED'): Promise<void> {
    const bucket = await this.bus.kv(kv.risk());
    await bucket.put(RISK_KV_KEY, riskState(state));
  }

  /** The order row (raw columns). */
  async order(orderId: string) {
    return this.db
      .selectFrom('orders')
      .selectAll()
      .where('order_id', '=', orderId)
      .executeTakeFirst();
  }

  /** The trades rows of an order. */
  async trades(orderId: string) {
    return this.db
      .selectFrom('trades')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('traded_at')
      .execute();
  }

  /** The order_events rows of an order, in recording order. */
  async storedEvents(orderId: string) {
    return this.db
      .selectFrom('order_events')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('seq')
      .execute();
  }

  /** Warnings and errors logged so far. */
  get warnings(): LogRecord[] {
    return this.logs.records.filter((r) => r.level === 'warn' || r.level === 'error');
  }

  async dispose(): Promise<void> {
    if (process.env['HOGA_TEST_LOGS'])
      for (const r of this.logs.records)
        console.log(JSON.stringify({ level: r.level, msg: r.msg, ...r.fields }));
    for (const r of this.#running.splice(0)) await r.stop().catch(() => undefined);
    await this.events.stop();
    await this.cleanup();
    await this.db.destroy();
    await this.em.close();
    await this.schema.dispose();
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(base: Record<string, unknown>, over: unknown): Record<string, unknown> {
  if (!isObject(over)) return base;
  const out = { ...base };
  for (const [k, v] of Object.entries(over))
    out[k] = isObject(v) && isObject(base[k]) ? merge(base[k], v) : v;
  return out;
}
