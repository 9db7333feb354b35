import * as t from 'io-ts';
import {
  DatabaseSettings,
  DEFAULT_PRICE_SANITY_CONFIG,
  loadConfig,
  NatsSettings,
  PositiveIntFromEnv,
  PriceSanityConfig,
  type LoadConfigOptions,
} from '@hoga/config';
import { DEFAULT_PARTITION_COUNT } from '@hoga/contracts';
import { DecimalC } from '@hoga/model';
import { METRICS_DEFAULTS, MetricsSettings } from '@hoga/telemetry';

/**
 * The configuration of position-actor (file + `HOGA_*` environment, see `loadConfig`):
 * `HOGA_NATS__URL`, `HOGA_DATABASE__URL`, `HOGA_POSITION_ACTOR__FEE_RATE`, ...
 */
export const PositionActorConfig = t.strict({
  nats: NatsSettings,
  database: DatabaseSettings,
  positionActor: t.strict({
    /** Exchange fee rate (Upbit KRW: 0.0005). */
    feeRate: DecimalC,
    /** A snapshot is stored each time a stream crosses a multiple of this version. */
    snapshotEvery: PositiveIntFromEnv,
    /** At most one state publication per position per this many ms on ticks. */
    stateThrottleMs: PositiveIntFromEnv,
    /** Partitions the positions are spread over (same value on every instance). */
    partitions: PositiveIntFromEnv,
    /** Lease loop period: acquire free partitions, release surplus. */
    leaseIntervalMs: PositiveIntFromEnv,
  }),
  /** The price sanity rule of the tick gate (ADR 0024), `HOGA_PRICE_SANITY__*`. */
  priceSanity: PriceSanityConfig,
  /** The `/metrics` and `/health/*` listener (`HOGA_METRICS__*`, ADR 0056). */
  metrics: MetricsSettings,
});
export type PositionActorConfig = t.TypeOf<typeof PositionActorConfig>;

/** Defaults below the file and the environment. */
export const DEFAULT_CONFIG = {
  nats: { url: 'nats://127.0.0.1:4222', namespace: '' },
  database: { url: 'postgres://postgres@127.0.0.1:5432/hoga' },
  positionActor: {
    feeRate: '0.0005',
    snapshotEvery: 50,
    stateThrottleMs: 1000,
    partitions: DEFAULT_PARTITION_COUNT,
    leaseIntervalMs: 3000,
  },
  priceSanity: DEFAULT_PRICE_SANITY_CONFIG,
  metrics: METRICS_DEFAULTS,
};

/**
 * Reads the config: defaults <- file <- `HOGA_*` environment (`HOGA_POSITION_ACTOR__FEE_RATE`,
 * ...) <- overrides; throws a `ConfigError` naming the bad field. The process and the all-in-one
 * both start from it.
 */
export const loadPositionActorConfig = (
  options: Omit<LoadConfigOptions, 'defaults'> = {},
): PositionActorConfig => loadConfig(PositionActorConfig, { ...options, defaults: DEFAULT_CONFIG });
