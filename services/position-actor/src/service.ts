import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pingBus, type Bus, type Subscription } from '@hoga/bus';
import type { RunningService, StartOptions } from '@hoga/config';
import { kv, partitionOf, RISK_KV_KEY, subjects } from '@hoga/contracts';
import { OutboxRelay, type EventStore } from '@hoga/event-store';
import {
  DEFAULT_LEASE_CLASS,
  PostgresLeaseBackend,
  SoloLeaseBackend,
  type LeaseBackend,
} from '@hoga/leases';
import { startWithStore, type StoreConnections } from '@hoga/service-kit';
import { dateOf, dec, type Decimal, type PositionId } from '@hoga/model';
import { DEFAULT_PRICE_SANITY, type DecideContext, type PriceSanitySettings } from '@hoga/position';
import { unservedMetrics, type Logger, type ServiceMetrics } from '@hoga/telemetry';
import { DEFAULT_CONFIG, loadPositionActorConfig } from './config.js';
import { PostgresPositionIndex } from './adapters/position-index/postgres-position-index.js';
import { actorMetrics } from './adapters/actor-metrics.js';
import { outboxPublisher } from './adapters/bus-outbox-publisher.js';
import { registerOpsHandlers } from './handlers/register-ops.js';
import { riskHandlers } from './handlers/risk.handler.js';
import type { ServiceContext } from './handlers/service-context.js';
import { ActorHost } from './app/actor-host.js';
import { MarketWatch } from './app/market-watch.js';
import { PositionActor } from './app/position-actor.js';
import { PositionStream } from './app/position-stream.js';
import { RiskView } from './domain/risk-view.js';
import { StatePublisher } from './adapters/state-publisher.js';
import { HistoryWarmUp } from './app/history-warm-up.js';
import { MemoryPositionIndex } from './adapters/position-index/memory-position-index.js';
import { PositionIndexProjector } from './app/position-index-projector.js';
import type { PositionIndex } from './adapters/position-index/position-index.port.js';
import { PartitionHosting } from './app/partitions/partition-hosting.js';
import { PartitionLeases } from './app/partitions/partition-leases.js';

/** What position-actor runs on; everything with a default is optional. */
export interface PositionActorOptions {
  readonly bus: Bus;
  readonly store: EventStore;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly feeRate?: Decimal;
  readonly snapshotEvery?: number;
  readonly stateThrottleMs?: number;
  /** Prefix of the per-partition durable consumers of order events (default `position-actor`). */
  readonly consumerName?: string;
  /** This instance's name (market watch holder, logs); default a random UUID. */
  readonly instanceId?: string;
  /** Partitions (default 16) and their leases (default: this instance owns them all). */
  readonly partitions?: {
    readonly count?: number;
    readonly leases?: LeaseBackend;
    readonly leaseIntervalMs?: number;
  };
  /** The position index (default: in memory, rebuilt from the store at start). */
  readonly index?: PositionIndex;
  /** How long to wait for market-feed's candle history and watch replies (default 2000 ms). */
  readonly marketFeedTimeoutMs?: number;
  /** TTL of the market watch lease, renewed every ttl/3 (default 30 s). */
  readonly watchTtlMs?: number;
  /**
   * After HALTED appears in the KV, how long holding positions wait for the `RiskHalt` with the
   * liquidation order before they all exit at once (default 1000 ms).
   */
  readonly haltPlanWaitMs?: number;
  /**
   * The price sanity rule of the tick path (ADR 0024; default ±10 % of the median of the last 5
   * accepted trades, 2 confirming trades).
   */
  readonly priceSanity?: PriceSanitySettings;
  /** Where its metrics go and its readiness is asked (default: nowhere; ADR 0056). */
  readonly metrics?: ServiceMetrics;
}

/** A running position-actor. */
export interface PositionActorService extends RunningService {
  /** Positions rehydrated by the first lease pass (at start). */
  readonly rehydrated: number;
  /** The partitions the positions are spread over (publishers of order events must agree). */
  readonly partitions: number;
  /** The partitions this instance owns now. */
  owned(): number[];
  /** The positions this instance drives now. */
  hosted(): PositionId[];
  /** Inputs decided since the start (ticks that coalesced into a later one are not decided). */
  decisions(): number;
  /** Resolves once every actor has processed what was queued. */
  idle(): Promise<void>;
  /** Stops taking input, drains the actors, gives the partitions up, drains the outbox relay. */
  stop(): Promise<void>;
}

/**
 * Starts position-actor: takes partition leases (hosting the open positions of each owned
 * partition from the position index, snapshot + later events), then watches the risk state,
 * answers the ops endpoints, relays the outbox and keeps the market watch lease.
 */
export async function startService(options: PositionActorOptions): Promise<PositionActorService> {
  const { bus, store, logger } = options;
  const now = options.now ?? (() => new Date());
  const defaults = DEFAULT_CONFIG.positionActor;
  const feeRate = options.feeRate ?? dec(defaults.feeRate);
  const count = options.partitions?.count ?? defaults.partitions;
  const instanceId = options.instanceId ?? randomUUID();
  const feedTimeoutMs = options.marketFeedTimeoutMs ?? 2000;
  const relay = new OutboxRelay(store, outboxPublisher(bus), {
    onError: (error, message) => logger.warn('outbox publish failed', { error, id: message?.id }),
  });
  const settings = {
    feeRate,
    partitions: count,
    snapshotEvery: options.snapshotEvery ?? defaults.snapshotEvery,
    stateThrottleMs: options.stateThrottleMs ?? defaults.stateThrottleMs,
  };
  const stream = new PositionStream(store, settings.snapshotEvery, (rows) => relay.offer(rows));
  const publisher = new StatePublisher(bus, feeRate, settings.stateThrottleMs, now, (error) =>
    logger.warn('position state not published', { error }),
  );
  const watch = new MarketWatch(bus, logger, `position-actor/${instanceId}`, {
    ttlMs: options.watchTtlMs ?? 30_000,
    timeoutMs: feedTimeoutMs,
  });
  const priceSanity = options.priceSanity ?? DEFAULT_PRICE_SANITY;
  const metrics = options.metrics ?? unservedMetrics();
  const measured = actorMetrics(metrics.meter);
  const host = new ActorHost({
    bus,
    publisher,
    logger,
    marketsChanged: () => watch.renew(),
    priceSanity,
    ...(options.metrics ? { tickToOrder: measured.tickToOrder } : {}),
  });
  const warmUp = new HistoryWarmUp(bus, logger, feedTimeoutMs);
  let decisions = 0;
  const decideContext = (): DecideContext => {
    decisions += 1;
    return new DecisionTime(now, feeRate);
  };
  const index = options.index ?? new MemoryPositionIndex();
  await index.migrate(count);
  const ctx: ServiceContext = {
    host,
    stream,
    logger,
    now,
    risk: new RiskView(),
    partitions: count,
    partitionOf: (id) => partitionOf(id, count),
    owns: (p) => leases.owns(p),
    closedPositions: () => index.positions(leases.owned(), 'closed'),
    newActor: (id, live) => new PositionActor(id, live, stream, decideContext, warmUp),
  };
  const projector = new PositionIndexProjector(store, index, count, logger);
  const consumerName = options.consumerName ?? 'position-actor';
  const hosting = new PartitionHosting({ bus, ctx, index, projector, consumerName });
  const leases = new PartitionLeases(
    options.partitions?.leases ?? new SoloLeaseBackend(),
    count,
    hosting,
    logger,
    options.partitions?.leaseIntervalMs ?? defaults.leaseIntervalMs,
  );
  await projector.catchUp();
  await leases.start();
  const rehydrated = hosting.rehydrated;
  logger.info('positions rehydrated', { instanceId, rehydrated, owned: leases.owned() });
  await projector.start((id) => {
    if (ctx.owns(ctx.partitionOf(id)))
      hosting.host(id).catch((error: unknown) => logger.error('host failed', { id, error }));
  });
  relay.start();
  watch.start(() => host.markets());
  const risk = riskHandlers(ctx, options.haltPlanWaitMs ?? 1000);
  const subscriptions: Subscription[] = [
    await (
      await bus.kv(kv.risk())
    ).watch((e) => {
      if ('value' in e && e.key === RISK_KV_KEY) void risk.onState(e.value);
    }),
    await bus.subscribe(subjects.riskHalt(), (d) => risk.onHalt(d.data, d)),
    ...(await registerOpsHandlers(bus, ctx, feeRate, { instanceId, priceSanity, settings })),
  ];
  measured.observe({
    ...{ host, closedPositions: ctx.closedPositions, store, now, bus, consumerName },
    owned: () => leases.owned(),
  });
  const unready = metrics.health.register('position-actor', () => pingBus(bus));
  return {
    rehydrated,
    partitions: count,
    owned: () => leases.owned(),
    hosted: () => host.all().map((a) => a.positionId),
    decisions: () => decisions,
    idle: () => host.idle(),
    async stop() {
      unready();
      measured.stop();
      for (const s of subscriptions) await s.unsubscribe();
      risk.stop();
      await host.idle();
      await projector.stop();
      await leases.stop();
      await watch.stop();
      await host.close();
      await publisher.stop();
      await relay.stop();
      await relay.relayOnce();
    },
  };
}

/**
 * A decision's context whose time is read from the clock when first asked (then kept for the
 * whole decision): only a decision that emits events reads it, and most ticks emit none.
 */
class DecisionTime implements DecideContext {
  #at: string | undefined;
  constructor(
    private readonly clock: () => Date,
    readonly feeRate: Decimal,
  ) {}
  get now(): string {
    return (this.#at ??= this.clock().toISOString());
  }
}

/**
 * What the caller may hand position-actor (the all-in-one, tests); it opens the rest from its
 * config and closes only that (ADR 0062).
 */
export interface PositionActorConnections extends StoreConnections {
  /** The position index (default: in PostgreSQL, `position_index`). */
  readonly index?: PositionIndex;
  /** The partition leases (default: PostgreSQL advisory locks, shared by every instance). */
  readonly leases?: LeaseBackend;
}

/**
 * Starts position-actor from its config (`HOGA_CONFIG` + `HOGA_POSITION_ACTOR__*`, ... of `env`,
 * `config` on top): the bus, the event store, the position index, the partition leases and the
 * metrics listener are opened unless given in `connections`; then {@link startService}.
 */
export async function start(
  options: StartOptions<PositionActorConnections> = {},
): Promise<PositionActorService> {
  return startWithStore(
    'position-actor',
    options,
    loadPositionActorConfig,
    10,
    async ({ config, given, opened, logger, bus, metrics, store, database, ownMetrics: own }) => {
      const index =
        given.index ??
        new PostgresPositionIndex(opened.add(new pg.Pool({ ...database, max: 2 }), (p) => p.end()));
      const { positionActor: settings } = config;
      const service = await startService({
        bus,
        store,
        logger,
        metrics,
        index,
        ...(given.clock ? { now: dateOf(given.clock) } : {}),
        feeRate: settings.feeRate,
        snapshotEvery: settings.snapshotEvery,
        stateThrottleMs: settings.stateThrottleMs,
        priceSanity: config.priceSanity,
        partitions: {
          count: settings.partitions,
          leases: given.leases ?? new PostgresLeaseBackend(database, DEFAULT_LEASE_CLASS),
          leaseIntervalMs: settings.leaseIntervalMs,
        },
      });
      logger.info('position-actor started', {
        rehydrated: service.rehydrated,
        ...(own ? { metrics: own.metricsUrl } : {}),
      });
      return service;
    },
  );
}
