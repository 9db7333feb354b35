import * as t from 'io-ts';
import { DecimalC, NonNegativeKrwC, type Krw } from '@hoga/model';
import {
  DatabaseSettings,
  loadConfig,
  type LoadConfigOptions,
  NatsSettings,
  NonNegativeIntFromEnv,
  PositiveIntFromEnv,
} from '@hoga/config';
import { DEFAULT_PARTITION_COUNT, isPartitionCount } from '@hoga/contracts';
import { METRICS_DEFAULTS, MetricsSettings } from '@hoga/telemetry';
import {
  ACCOUNT_WATCH_DEFAULTS,
  AccountWatchConfigC,
} from './app/account-watch/account-watch.config.js';

/** A KRW cap, or null (no cap); the strings `null`/`none`/empty also mean no cap. */
const KrwCapC = new t.Type<Krw | null, string | null, unknown>(
  'KrwCap',
  (u): u is Krw | null => u === null || NonNegativeKrwC.is(u),
  (u, c) =>
    u === null || u === undefined || u === '' || u === 'null' || u === 'none'
      ? t.success(null)
      : NonNegativeKrwC.validate(u, c),
  (a) => (a === null ? null : NonNegativeKrwC.encode(a)),
);
const CountCapC = t.union([NonNegativeIntFromEnv, t.null]);

/**
 * The order-executor's configuration (ARCHITECTURE §2: one validated object from defaults, a
 * file and `HOGA_*` variables). The Upbit keys come from `HOGA_UPBIT__ACCESS_KEY` and
 * `HOGA_UPBIT__SECRET_KEY` and are never logged.
 */
export const ExecutorConfigC = t.strict({
  database: DatabaseSettings,
  /** The `/metrics` and `/health/*` listener when run alone (`HOGA_METRICS__*`, ADR 0056). */
  metrics: MetricsSettings,
  nats: NatsSettings,
  upbit: t.strict({
    baseUrl: t.string,
    wsUrl: t.string,
    accessKey: t.string,
    secretKey: t.string,
    /** Per request; a POST without an answer in time is an unknown outcome. */
    timeoutMs: NonNegativeIntFromEnv,
    /** Private WebSocket reconnect backoff (first wait, longest wait). */
    wsBackoffInitialMs: NonNegativeIntFromEnv,
    wsBackoffMaxMs: NonNegativeIntFromEnv,
    /** Private WebSocket pings this often; silent (no frame, no pong) this long: reconnect + REST sync. */
    wsPingIntervalMs: NonNegativeIntFromEnv,
    wsStallTimeoutMs: NonNegativeIntFromEnv,
  }),
  executor: t.strict({
    /** Upbit fee rate per trade (KRW markets: 0.0005 maker and taker). */
    feeRate: DecimalC,
    /** Redelivery of an unacked command; must exceed the longest Upbit call. */
    ackWaitMs: NonNegativeIntFromEnv,
    /** Deliveries of a failing command before it is dead-lettered. */
    maxDeliver: NonNegativeIntFromEnv,
    /**
     * Commands handled at once (at least 1). Entries still pass the pre-trade gate and the send
     * one at a time; exits and cancels run side by side; Upbit's order rate is paced by the client.
     */
    maxInFlight: NonNegativeIntFromEnv,
    /** REST poll of every open order (the myOrder fallback). */
    pollIntervalMs: NonNegativeIntFromEnv,
    /** First wait between lookups of an unknown order (doubles up to 16x). */
    lookupIntervalMs: NonNegativeIntFromEnv,
    /** `order_not_found` counts as proof of absence only this long after the last send. */
    absenceAfterMs: NonNegativeIntFromEnv,
    /** Not-found lookups after that window needed before the lists are asked (ADR 0031). */
    absenceLookups: NonNegativeIntFromEnv,
    /** The closed-order list is read from this long before the order was stored to this long after now. */
    absenceWindowMarginMs: NonNegativeIntFromEnv,
    /**
     * An entry command older than this (from its `occurredAt`, the position's decision) when it
     * comes to be sent is refused as `order-expired` (ADR 0030). Exits are never refused for age.
     */
    maxEntryAgeMs: NonNegativeIntFromEnv,
    /** An order still unknown after this long raises a warning alert; one not sent this long after its decision, a critical one. */
    unknownAlertAfterMs: NonNegativeIntFromEnv,
    /** Balances read for pre-trade checks are reused this long (refreshed on fills). */
    balanceTtlMs: NonNegativeIntFromEnv,
    /** `hoga.account.state` is published at least this often. */
    accountPublishIntervalMs: NonNegativeIntFromEnv,
    /** Access lost (key refused, no order permission): first wait before checking it again. */
    accessFirstCheckMs: NonNegativeIntFromEnv,
    /** Longest wait between two checks of lost access (the backoff doubles up to it). */
    accessMaxCheckMs: NonNegativeIntFromEnv,
  }),
  limits: t.strict({
    maxOpenPositions: CountCapC,
    maxExposurePerMarketKrw: KrwCapC,
  }),
  /** Orders and balance changes hoga did not make (ADR 0026). */
  accountWatch: AccountWatchConfigC,
  /**
   * position-actor's partition count, `HOGA_POSITION_ACTOR__PARTITIONS` (the same variable
   * position-actor reads): each order event goes to `hoga.order.evt.<partition>.<positionId>`,
   * the partition by this count (ADR 0065). Must equal position-actor's.
   */
  positionActor: t.strict({ partitions: PositiveIntFromEnv }),
});
export type ExecutorConfig = t.TypeOf<typeof ExecutorConfigC>;

/** Defaults for everything but the keys and connection URLs of a live deployment. */
export const EXECUTOR_DEFAULTS = {
  metrics: METRICS_DEFAULTS,
  database: { url: 'postgres://postgres@127.0.0.1:5432/hoga' },
  nats: { url: 'nats://127.0.0.1:4222', namespace: '' },
  upbit: {
    baseUrl: 'https://api.upbit.com',
    wsUrl: 'wss://api.upbit.com/websocket/v1/private',
    accessKey: '',
    secretKey: '',
    timeoutMs: 10_000,
    wsBackoffInitialMs: 500,
    wsBackoffMaxMs: 30_000,
    wsPingIntervalMs: 4_000,
    wsStallTimeoutMs: 12_000,
  },
  executor: {
    feeRate: '0.0005',
    ackWaitMs: 60_000,
    maxDeliver: 100,
    maxInFlight: 8,
    pollIntervalMs: 5_000,
    lookupIntervalMs: 1_000,
    absenceAfterMs: 30_000,
    absenceLookups: 2,
    absenceWindowMarginMs: 60_000,
    maxEntryAgeMs: 10_000,
    unknownAlertAfterMs: 60_000,
    balanceTtlMs: 2_000,
    accountPublishIntervalMs: 10_000,
    accessFirstCheckMs: 1_000,
    accessMaxCheckMs: 60_000,
  },
  limits: { maxOpenPositions: null, maxExposurePerMarketKrw: null },
  accountWatch: ACCOUNT_WATCH_DEFAULTS,
  positionActor: { partitions: DEFAULT_PARTITION_COUNT },
};

/** A configuration that cannot be right (a window shorter than the call it must outlast). */
export class ExecutorConfigError extends Error {
  override readonly name = 'ExecutorConfigError';
}

/** Loads defaults <- file <- `HOGA_*` <- overrides and checks the timing rules. */
export function loadExecutorConfig(options: LoadConfigOptions = {}): ExecutorConfig {
  const config = loadConfig(ExecutorConfigC, { defaults: EXECUTOR_DEFAULTS, ...options });
  checkTimings(config);
  return config;
}

/**
 * {@link loadExecutorConfig} for a start: the Upbit keys must be there too (the all-in-one checks
 * the config without them: it decides them itself).
 */
export function loadStartConfig(options: LoadConfigOptions = {}): ExecutorConfig {
  const config = loadExecutorConfig(options);
  if (config.upbit.accessKey === '' || config.upbit.secretKey === '')
    throw new ExecutorConfigError('HOGA_UPBIT__ACCESS_KEY and HOGA_UPBIT__SECRET_KEY are required');
  return config;
}

/** The rules that keep the protocol sound whatever the numbers. */
export function checkTimings(config: ExecutorConfig): void {
  const { timeoutMs } = config.upbit;
  const e = config.executor;
  if (e.ackWaitMs <= timeoutMs)
    throw new ExecutorConfigError('executor.ackWaitMs must exceed upbit.timeoutMs');
  if (e.absenceAfterMs <= timeoutMs)
    throw new ExecutorConfigError('executor.absenceAfterMs must exceed upbit.timeoutMs');
  if (e.maxEntryAgeMs < 1)
    throw new ExecutorConfigError('executor.maxEntryAgeMs must be at least 1');
  if (e.absenceLookups < 1 || e.maxDeliver < 1 || e.maxInFlight < 1)
    throw new ExecutorConfigError(
      'executor.absenceLookups, maxDeliver and maxInFlight must be at least 1',
    );
  if (e.accessFirstCheckMs < 1 || e.accessMaxCheckMs < e.accessFirstCheckMs)
    throw new ExecutorConfigError(
      'executor.accessFirstCheckMs must be at least 1 and at most executor.accessMaxCheckMs',
    );
  if (config.executor.feeRate.lt(0) || config.executor.feeRate.gte(1))
    throw new ExecutorConfigError('executor.feeRate must be in [0, 1)');
  if (!isPartitionCount(config.positionActor.partitions))
    throw new ExecutorConfigError('positionActor.partitions must be in 1..4096');
}
