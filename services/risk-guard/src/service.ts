import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { pingBus, type Bus, type Subscription } from '@hoga/bus';
import type { RunningService, StartOptions } from '@hoga/config';
import { startWithStore, type StoreConnections } from '@hoga/service-kit';
import { subjects, type RiskLeader } from '@hoga/contracts';
import type { EventStore } from '@hoga/event-store';
import { SoloLeaseBackend, type LeaseBackend } from '@hoga/leases';
import { dateOf, dec, type Decimal } from '@hoga/model';
import { DEFAULT_PRICE_SANITY, TickGate, type PriceSanitySettings } from '@hoga/position';
import { inProcessSpan, unservedMetrics, type Logger, type ServiceMetrics } from '@hoga/telemetry';
import { leaderLease } from './adapters/leader-lease.js';
import { DEFAULT_CONFIG, loadRiskGuardConfig } from './config.js';
import { hasChannels } from './app/notifier/notify-settings.js';
import { riskMetrics } from './adapters/risk-metrics.js';
import { StoreBaselines } from './adapters/realized-baselines.js';
import { RiskPublisher } from './adapters/risk-publisher.js';
import { RiskStream } from './adapters/risk-stream.js';
import type { WatchdogAction } from './config.js';
import { Leadership } from './app/leadership.js';
import { RiskGuard } from './app/risk-guard.js';
import { MarketQuiet } from './domain/market-quiet.js';
import { Watchdog } from './domain/watchdog.js';
import { gatedTickHandler } from './handlers/tick.handler.js';
import { checkWatchdog, type WatchdogContext } from './handlers/watchdog.handler.js';
import { LeaderDuties } from './app/leader-duties.js';
import {
  startAlertNotifier,
  type AlertNotifier,
  type NotifierSettings,
} from './app/notifier/alert-notifier.js';

/** What risk-guard runs on; everything with a default is optional. */
export interface RiskGuardOptions {
  readonly bus: Bus;
  readonly store: EventStore;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Loss limit in %, armed on the first account state unless one was ever set (default none). */
  readonly lossLimitPct?: Decimal | null;
  /** Upbit's fee rate, to mark holdings to the ticks as the positions value them (0.05%). */
  readonly feeRate?: Decimal;
  /** How often the store is read for realized PnL settled since arming (default 200 ms). */
  readonly baselinePollMs?: number;
  /** Order rate for the liquidation plan (default 12/s). */
  readonly ordersPerSecond?: number;
  /** Minimum ms between two `RiskState` publications (default 1000; transitions go at once). */
  readonly stateThrottleMs?: number;
  readonly watchdog?: {
    readonly silenceMs: number;
    readonly action: WatchdogAction;
    /** A held market without a tick this long is quiet (default `silenceMs`). */
    readonly marketQuietMs?: number;
  };
  /** How often the watchdog looks (default silenceMs / 4, at most 1 s); 0: never (tests). */
  readonly watchdogIntervalMs?: number;
  /** Benchmark probe: a position state or a tick was found to breach the limit. */
  readonly onBreachDetected?: () => void;
  /** Delivers `hoga.alert.*` to Telegram / a webhook through the alert outbox (default: off). */
  readonly notify?: NotifierSettings;
  /**
   * The leader lease: only the instance holding it acts (default: the solo backend, always the
   * leader). Standbys try again every `retryMs` (default 1000).
   */
  readonly leadership?: { readonly leases?: LeaseBackend; readonly retryMs?: number };
  /**
   * This instance's name in the logs and in `status` (`leader.instanceId`; default a random
   * UUID; 1-256 characters).
   */
  readonly instanceId?: string;
  /** The price sanity rule in front of the marks (ADR 0024; default as position-actor's). */
  readonly priceSanity?: PriceSanitySettings;
  /** Where its metrics go and its readiness is asked (default: nowhere; ADR 0056). */
  readonly metrics?: ServiceMetrics;
}

/** A running risk-guard. */
export interface RiskGuardService extends RunningService {
  readonly guard: RiskGuard;
  readonly instanceId: string;
  /** True while this instance holds the leader lease and has taken over (acts, serves the ops). */
  isLeader(): boolean;
  /** While {@link isLeader}: this instance and when its take-over completed, as `status` says. */
  leader(): RiskLeader | undefined;
  /** One watchdog pass now (the timer calls it too); nothing on a standby. */
  checkWatchdog(): Promise<unknown>;
  /** The alert notifier, when `notify` was given and it started. */
  readonly notifier: AlertNotifier | undefined;
  /** Stops consuming and answering; the caller closes the bus and the store. */
  stop(): Promise<void>;
}

/** Starts the notifier; a failure is logged, never fatal (alerts wait in the ALERTS stream). */
async function notifierOf(
  options: RiskGuardOptions,
  now: () => Date,
): Promise<AlertNotifier | undefined> {
  const { bus, logger, notify } = options;
  if (notify === undefined) return undefined;
  try {
    return await startAlertNotifier({ bus, logger, now, settings: notify });
  } catch (error) {
    logger.error('alert notifier not started: alerts wait in the ALERTS stream', { error });
    return undefined;
  }
}

/**
 * Starts risk-guard: consumes position and account states and ticks (marking the holdings to
 * them; the watchdog watches them too), then competes for the leader lease. The leader rebuilds
 * the trading state from the `risk` stream and writes it to the KV, follows the store for
 * realized PnL since arming, evaluates the limit, serves the ops and runs the watchdog; a standby
 * only keeps its portfolio warm. With the default (solo) lease it leads before this resolves.
 */
export async function startService(options: RiskGuardOptions): Promise<RiskGuardService> {
  const { bus, store } = options;
  const instanceId = options.instanceId ?? randomUUID();
  const logger = options.logger.child({ instanceId });
  const now = options.now ?? (() => new Date());
  const defaults = DEFAULT_CONFIG.riskGuard;
  const publisher = new RiskPublisher(bus, logger);
  const guard = new RiskGuard({
    stream: new RiskStream(store),
    publisher,
    baselines: new StoreBaselines(store, logger, options.baselinePollMs),
    feeRate: options.feeRate ?? dec(defaults.feeRate),
    logger,
    now,
    lossLimitPct: options.lossLimitPct ?? null,
    ordersPerSecond: options.ordersPerSecond ?? defaults.ordersPerSecond,
    stateThrottleMs: options.stateThrottleMs ?? defaults.stateThrottleMs,
    ...(options.onBreachDetected ? { onBreachDetected: options.onBreachDetected } : {}),
  });
  const dog: NonNullable<RiskGuardOptions['watchdog']> = options.watchdog ?? defaults.watchdog;
  const watchdog = new Watchdog(dog.silenceMs, now().getTime());
  const quiet = new MarketQuiet(dog.marketQuietMs ?? dog.silenceMs, now().getTime());
  const ctx: WatchdogContext = {
    ...{ guard, watchdog, quiet, publisher, logger, now },
    action: dog.action,
  };
  const ticks = new TickGate(options.priceSanity ?? DEFAULT_PRICE_SANITY);
  const onTick = gatedTickHandler(guard, ticks, logger);
  const subscriptions: Subscription[] = [
    await bus.subscribe(subjects.positionState('*'), async (d) => {
      watchdog.saw('position-actor', now().getTime());
      await guard.onPositionState(d.data);
    }),
    await bus.subscribe(subjects.accountState(), (d) => guard.onAccountState(d.data)),
    await bus.subscribe(subjects.accountAccess(), (d) => {
      guard.onAccountAccess(d.data);
      return Promise.resolve();
    }),
    await bus.subscribe(subjects.mdTick('*'), async (d) => {
      watchdog.saw('market-feed', now().getTime());
      const market = d.data.data.market;
      if (d.subject === subjects.mdTick(market).subject) quiet.saw(market, now().getTime());
      // a sampled tick's trace goes on here: a breach it causes is part of it (ADR 0057)
      await inProcessSpan(d.subject, d.data.id, d.headers, () => onTick(d.subject, d.data));
    }),
  ];
  const every = options.watchdogIntervalMs ?? Math.min(1000, Math.ceil(dog.silenceMs / 4));
  const duties = new LeaderDuties({
    guard,
    bus,
    logger,
    watchdog: ctx,
    watchdogEveryMs: every,
    instanceId,
    now,
  });
  const leadership = new Leadership(
    options.leadership?.leases ?? new SoloLeaseBackend(),
    duties,
    logger,
    options.leadership?.retryMs ?? defaults.leadership.retryMs,
  );
  await leadership.start();
  const notifier = await notifierOf(options, now);
  const isLeader = (): boolean => leadership.isLeader() && duties.leading;
  const metrics = options.metrics ?? unservedMetrics();
  const unobserve = riskMetrics(metrics.meter, { guard, notifier, bus });
  // a standby is ready too: it keeps its portfolio warm and takes over when the leader goes
  const unready = metrics.health.register('risk-guard', () => pingBus(bus));
  logger.info('risk-guard started', {
    leader: isLeader(),
    ...(isLeader() ? { state: guard.state.tradingState } : {}),
    notifier: notifier !== undefined,
  });
  return {
    guard,
    instanceId,
    isLeader,
    leader: () => (isLeader() ? duties.leader : undefined),
    checkWatchdog: () => checkWatchdog(ctx),
    notifier,
    async stop() {
      unready();
      unobserve();
      await leadership.stop();
      await duties.settled();
      for (const s of subscriptions) await s.unsubscribe();
      await guard.stop();
      await notifier?.stop();
    },
  };
}

/**
 * What the caller may hand risk-guard (the all-in-one, tests); it opens the rest from its config
 * and closes only that (ADR 0062).
 */
export interface RiskGuardConnections extends StoreConnections {
  /** The leader lease (default: a PostgreSQL advisory lock, shared by every instance). */
  readonly leases?: LeaseBackend;
}

/**
 * Starts risk-guard from its config (`HOGA_CONFIG` + `HOGA_RISK_GUARD__*`, `HOGA_NOTIFY__*`, ...
 * of `env`, `config` on top): the bus, the event store, the leader lease and the metrics listener
 * are opened unless given in `connections`; then {@link startService}. Several processes may run:
 * the one holding the leader lease acts.
 */
export async function start(
  options: StartOptions<RiskGuardConnections> = {},
): Promise<RiskGuardService> {
  return startWithStore(
    'risk-guard',
    options,
    loadRiskGuardConfig,
    4,
    async ({ config, given, logger, bus, metrics, store, database, ownMetrics: own }) => {
      if (own) logger.info('risk-guard metrics', { metrics: own.metricsUrl });
      const { riskGuard } = config;
      const service = await startService({
        bus,
        store,
        logger,
        metrics,
        ...(given.clock ? { now: dateOf(given.clock) } : {}),
        lossLimitPct: riskGuard.lossLimitPct,
        feeRate: riskGuard.feeRate,
        ordersPerSecond: riskGuard.ordersPerSecond,
        stateThrottleMs: riskGuard.stateThrottleMs,
        watchdog: riskGuard.watchdog,
        priceSanity: config.priceSanity,
        leadership: {
          leases: given.leases ?? leaderLease(config.database.url),
          retryMs: riskGuard.leadership.retryMs,
        },
        instanceId: riskGuard.leadership.instanceId ?? `${hostname()}:${String(process.pid)}`,
        ...(hasChannels(config.notify) ? { notify: { config: config.notify, database } } : {}),
      });
      return service;
    },
  );
}
