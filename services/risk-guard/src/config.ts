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
import { RiskLeader } from '@hoga/contracts';
import { DecimalC } from '@hoga/model';
import { NotifySettings } from './app/notifier/notify-settings.js';
import { METRICS_DEFAULTS, MetricsSettings } from '@hoga/telemetry';

/** `null` (or `"none"` from the environment) means: no loss limit from config. */
const OptionalPercent = new t.Type<t.TypeOf<typeof DecimalC> | null, string | null, unknown>(
  'OptionalPercent',
  (u): u is t.TypeOf<typeof DecimalC> | null => u === null || DecimalC.is(u),
  (u, c) => (u === null || u === 'none' ? t.success(null) : DecimalC.validate(u, c)),
  (a) => (a === null ? null : DecimalC.encode(a)),
);

/** A fee rate in [0, 1): `0.0005` is 0.05%. */
const FeeRate = t.refinement(DecimalC, (d) => d.gte(0) && d.lt(1), 'FeeRate');

/** What the watchdog does besides alerting when a feed goes silent while coins are held. */
export const WatchdogAction = t.keyof({ alert: null, reduce: null, halt: null }, 'WatchdogAction');
export type WatchdogAction = t.TypeOf<typeof WatchdogAction>;

/**
 * The configuration of risk-guard (file + `HOGA_*` environment, see `loadConfig`):
 * `HOGA_RISK_GUARD__LOSS_LIMIT_PCT=10`, `HOGA_RISK_GUARD__WATCHDOG__SILENCE_MS=60000`,
 * `HOGA_RISK_GUARD__LEADERSHIP__RETRY_MS=1000`, ...
 */
export const RiskGuardConfig = t.intersection([
  t.strict({
    nats: NatsSettings,
    database: DatabaseSettings,
    riskGuard: t.strict({
      /** Global loss limit in % of the equity at arming; armed on the first account state. */
      lossLimitPct: OptionalPercent,
      /** Upbit's trading fee rate, to value holdings at each tick as the positions do. */
      feeRate: FeeRate,
      /** Upbit's order rate limit, for the liquidation plan (12/s since 2026-08-21). */
      ordersPerSecond: PositiveIntFromEnv,
      /** At most one `RiskState` publication per this many ms (transitions go out at once). */
      stateThrottleMs: PositiveIntFromEnv,
      watchdog: t.intersection([
        t.strict({ silenceMs: PositiveIntFromEnv, action: WatchdogAction }),
        /** A held market without a tick this long is quiet (alert; default `silenceMs`). */
        t.partial({ marketQuietMs: PositiveIntFromEnv }),
      ]),
      /** The leader lease (PostgreSQL advisory lock): a standby tries to take it every retryMs. */
      leadership: t.intersection([
        t.strict({ retryMs: PositiveIntFromEnv }),
        /**
         * This instance's name in the logs and in `status` (`leader.instanceId`, 1-256
         * characters; default `<hostname>:<pid>`).
         */
        t.partial({ instanceId: RiskLeader.type.props.instanceId }),
      ]),
    }),
    /** The price sanity rule of the tick gate in front of the marks (ADR 0024). */
    priceSanity: PriceSanityConfig,
    /** The `/metrics` and `/health/*` listener (`HOGA_METRICS__*`, ADR 0056). */
    metrics: MetricsSettings,
  }),
  /** Alert delivery (`HOGA_NOTIFY__*`); absent, or without a channel: no notifier. Secrets. */
  t.partial({ notify: NotifySettings }),
]);
export type RiskGuardConfig = t.TypeOf<typeof RiskGuardConfig>;

/** Defaults below the file and the environment. */
export const DEFAULT_CONFIG = {
  nats: { url: 'nats://127.0.0.1:4222', namespace: '' },
  database: { url: 'postgres://postgres@127.0.0.1:5432/hoga' },
  riskGuard: {
    lossLimitPct: '10',
    feeRate: '0.0005',
    ordersPerSecond: 12,
    stateThrottleMs: 1000,
    watchdog: { silenceMs: 60_000, action: 'alert' as WatchdogAction },
    leadership: { retryMs: 1000 },
  },
  priceSanity: DEFAULT_PRICE_SANITY_CONFIG,
  metrics: METRICS_DEFAULTS,
};

/**
 * Reads the config: defaults <- file <- `HOGA_*` environment (`HOGA_RISK_GUARD__LOSS_LIMIT_PCT`,
 * `HOGA_NOTIFY__*`, ...) <- overrides; throws a `ConfigError` naming the bad field and its
 * variable. The process and the all-in-one both start from it.
 */
export const loadRiskGuardConfig = (
  options: Omit<LoadConfigOptions, 'defaults'> = {},
): RiskGuardConfig => loadConfig(RiskGuardConfig, { ...options, defaults: DEFAULT_CONFIG });
