import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type pg from 'pg';
import type { Bus, Subscription } from '@hoga/bus';
import {
  PositionEvent,
  eventStreams,
  RISK_KV_KEY,
  RiskState,
  kv,
  subjects,
  type OrderEvent,
  type PositionState,
} from '@hoga/contracts';
import { decodeOrThrow, decodeWith, type PositionId } from '@hoga/model';
import { eventually } from '@hoga/testkit';
import type { RunningEmulator } from '@hoga/upbit-emulator';
import { serviceEnv } from './service-env.js';
import { ServiceProcess, type ServiceName } from './service-process.js';
import { cleanUp, StackInfrastructure } from './stack-infrastructure.js';

export const MARKET = 'KRW-BTC';
export const START_PRICE = '100000000';

/** Settings of one stack; every number is short so a scenario runs in seconds. */
export interface StackOptions {
  readonly label: string;
  /** Starting KRW of the exchange account. */
  readonly krw?: string;
  /** Extra `HOGA_*` variables per service (override the defaults below). */
  readonly env?: Partial<Record<ServiceName, Record<string, string>>>;
}

/** An order row of the executor (`orders`). */
export interface OrderRow {
  readonly order_id: string;
  readonly identifier: string;
  readonly position_id: string;
  readonly leg: string;
  readonly side: string;
  readonly state: string;
  readonly exchange_uuid: string | null;
  readonly detail: string | null;
}
/** A trade row of the executor (`trades`). */
export interface TradeRow {
  readonly trade_uuid: string;
  readonly order_id: string;
  readonly side: string;
  readonly funds: string;
  readonly fee: string;
  readonly volume: string;
}
/** A stored event row (`events`) with the decoded position event. */
export interface StoredEvent {
  readonly streamVersion: number;
  readonly event: PositionEvent;
}

const operator = (commandId: string) => ({ commandId, issuedBy: 'e2e', reason: null });
const envelope = (id: string) => ({
  id,
  occurredAt: new Date().toISOString(),
  causationId: null,
  correlationId: id,
});

/**
 * One test's world: a fresh database, a private nats-server, the embedded emulator (prices moved
 * by hand), the services as child processes, and a client on the same NATS that observes states,
 * position events and order events.
 */
export class E2eStack {
  readonly orderEvents: OrderEvent[] = [];
  readonly positionEvents: PositionEvent[] = [];
  readonly services = new Map<string, ServiceProcess>();
  readonly logFile: string;
  readonly #infra: StackInfrastructure;
  readonly #subs: Subscription[] = [];

  constructor(readonly options: StackOptions) {
    this.#infra = new StackInfrastructure({
      label: options.label,
      markets: { [MARKET]: START_PRICE },
      krw: options.krw ?? '1000000',
    });
    this.logFile = this.#infra.logFile;
  }

  get emulator(): RunningEmulator {
    return this.#infra.emulator;
  }
  get bus(): Bus {
    return this.#infra.bus;
  }
  get pool(): pg.Pool {
    return this.#infra.pool;
  }

  /** Infrastructure, the client and the trading state; services are started separately. */
  async init(): Promise<this> {
    await this.#infra.start();
    this.#subs.push(
      await this.bus.subscribe(
        subjects.orderEvt('*', '*'),
        (d) => void this.orderEvents.push(d.data),
      ),
      await this.bus.subscribe(
        subjects.positionEvt('*'),
        (d) => void this.positionEvents.push(d.data),
      ),
    );
    await this.setTradingActive();
    return this;
  }

  /** No risk-guard here: write `ACTIVE` (the executor fails closed on an absent state). */
  async setTradingActive(): Promise<void> {
    const bucket = await this.bus.kv(kv.risk());
    const id = `e2e-${randomUUID()}`;
    await bucket.put(
      RISK_KV_KEY,
      decodeOrThrow(RiskState, {
        ...envelope(id),
        type: 'RiskState',
        data: {
          state: 'ACTIVE',
          reason: 'e2e: no risk-guard',
          since: null,
          lossLimit: null,
          evaluation: null,
          unrealizedPnlKrw: '0',
          exposureKrw: '0',
          holdingPositions: 0,
        },
      }),
    );
  }

  #env(service: ServiceName): NodeJS.ProcessEnv {
    return serviceEnv(service, {
      natsUrl: this.#infra.natsUrl,
      databaseUrl: this.#infra.databaseUrl,
      emulator: this.emulator,
      markets: [MARKET],
      ...(this.options.env !== undefined ? { overrides: this.options.env } : {}),
    });
  }

  /** Starts (or restarts) a service process under `name` (default: the service's name). */
  async start(service: ServiceName, name: string = service): Promise<ServiceProcess> {
    const p = await ServiceProcess.start(name, service, this.#env(service), this.logFile);
    this.services.set(name, p);
    return p;
  }

  /** The running process named `name`. */
  service(name: string): ServiceProcess {
    const p = this.services.get(name);
    if (p === undefined) throw new Error(`no service ${name}`);
    return p;
  }

  /** Starts the three services (feed, executor, actor). */
  async startAll(): Promise<void> {
    await Promise.all([
      this.start('market-feed'),
      this.start('order-executor'),
      this.start('position-actor'),
    ]);
  }

  /** `run` a strategy, retrying while no position-actor owns its partition yet. */
  async run(strategy: Record<string, unknown>, commandId = `run-${randomUUID()}`) {
    return eventually(
      async () => {
        const reply = await this.bus.request(
          subjects.ops('position-actor', 'run'),
          {
            ...envelope(`req-${commandId}`),
            type: 'RunStrategy',
            data: { strategy, ...operator(commandId) },
          },
          { timeoutMs: 3_000 },
        );
        if (!reply.ok && reply.error.code === 'unavailable') throw new Error(JSON.stringify(reply));
        return reply;
      },
      15_000,
      200,
    );
  }

  /** An operator command on a position (retried on `unavailable`). */
  async command(
    verb: 'close' | 'pause' | 'resume' | 'retry-close' | 'dismiss',
    positionId: PositionId,
    commandId = `${verb}-${randomUUID()}`,
  ) {
    const type = (
      {
        close: 'ClosePosition',
        pause: 'PausePosition',
        resume: 'ResumePosition',
        'retry-close': 'RetryClose',
        dismiss: 'DismissPosition',
      } as const
    )[verb];
    return eventually(
      async () => {
        const reply = await this.bus.request(
          subjects.ops('position-actor', verb),
          { ...envelope(`req-${commandId}`), type, data: { positionId, ...operator(commandId) } },
          { timeoutMs: 3_000 },
        );
        if (!reply.ok && reply.error.code === 'unavailable') throw new Error(JSON.stringify(reply));
        return reply;
      },
      15_000,
      200,
    );
  }

  /** A market trade at `price` on the emulator (the feed turns it into a tick). */
  trade(price: string): void {
    this.emulator.admin.setPrice(MARKET, price);
  }

  /**
   * Trades at `price` until `until` holds (the first trades may come before the feed or the
   * actor's tick subscription is up; repeating a trade at one price changes nothing else).
   */
  async tradeUntil<T>(price: string, until: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
    return eventually(
      async () => {
        this.trade(price);
        await new Promise((r) => setTimeout(r, 150));
        return until();
      },
      timeoutMs,
      0,
    );
  }

  /** The stored events of a position, oldest first, decoded. */
  async events(positionId: PositionId): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<{
      stream_version: string;
      type: string;
      data: unknown;
      metadata: Record<string, unknown>;
    }>(
      'select stream_version, type, data, metadata from events where stream_id = $1 order by stream_version',
      [eventStreams.position(positionId)],
    );
    return rows.map((row) => {
      const decoded = decodeWith(PositionEvent, {
        id: row.metadata['eventId'],
        type: row.type,
        occurredAt: row.metadata['occurredAt'],
        causationId: row.metadata['causationId'],
        correlationId: row.metadata['correlationId'],
        data: row.data,
      });
      if (E.isLeft(decoded))
        throw new Error(`stored event does not decode: ${decoded.left.message}`);
      return { streamVersion: Number(row.stream_version), event: decoded.right };
    });
  }

  /** Event types of a position, in order. */
  async types(positionId: PositionId): Promise<string[]> {
    return (await this.events(positionId)).map((e) => e.event.type);
  }

  /** Waits until the position has an event of `type`; returns its events. */
  async until(positionId: PositionId, type: PositionEvent['type'], timeoutMs = 15_000) {
    return eventually(
      async () => {
        const events = await this.events(positionId);
        if (!events.some((e) => e.event.type === type))
          throw new Error(`no ${type} in ${events.map((e) => e.event.type).join(', ')}`);
        return events;
      },
      timeoutMs,
      100,
    );
  }

  async orderRows(positionId?: PositionId): Promise<OrderRow[]> {
    const { rows } = await this.pool.query<OrderRow>(
      positionId === undefined
        ? 'select * from orders order by created_at'
        : 'select * from orders where position_id = $1 order by created_at',
      positionId === undefined ? [] : [positionId],
    );
    return rows;
  }

  async tradeRows(): Promise<TradeRow[]> {
    const { rows } = await this.pool.query<TradeRow>('select * from trades order by traded_at');
    return rows;
  }

  /** The last published live state of a position. */
  lastState(positionId: PositionId): PositionState | undefined {
    return this.#infra.lastState(positionId);
  }
  /** Every position state seen. */
  get states(): PositionState[] {
    return this.#infra.states;
  }

  /** The services' log so far (shown when a test fails). */
  log(): string {
    return this.#infra.log();
  }

  /** Stops everything it started, also after a failure. */
  async dispose(): Promise<void> {
    await cleanUp(async (attempt) => {
      for (const p of this.services.values()) await attempt(() => p.kill9().then(() => p.stop()));
      for (const s of this.#subs) await attempt(() => s.unsubscribe());
      await this.#infra.dispose(attempt);
    });
  }
}
