import type { Market } from '@hoga/model';
import {
  BoundedLabel,
  counterOf,
  Label,
  Metrics,
  observeCounter,
  observeGauge,
  type Meter,
} from '@hoga/telemetry';
import type { TickAges } from '../domain/tick-ages.js';
import type { SourceHealth } from './source.port.js';

/** Distinct markets a metric keeps by name (Upbit lists about 200 KRW markets); then `other`. */
export const MAX_MARKET_LABELS = 300;

export interface FeedMetricsDeps {
  readonly ages: TickAges;
  /** The markets watched now: last-tick ages are reported for these only. */
  readonly markets: () => readonly Market[];
  readonly health: () => SourceHealth;
  readonly now: () => number;
}

/** The feed's metrics: ticks by market, last-tick age by market, WebSocket reconnects. */
export function feedMetrics(meter: Meter, deps: FeedMetricsDeps) {
  const market = new BoundedLabel(MAX_MARKET_LABELS);
  const ticks = counterOf(meter, Metrics.ticks);
  const stopAges = observeGauge(meter, Metrics.lastTickAge, () =>
    deps.ages
      .ages(deps.markets(), deps.now())
      .filter((a) => a.lastTickAgeMs !== null)
      .map(
        (a) => [(a.lastTickAgeMs ?? 0) / 1000, { [Label.market]: market.of(a.market) }] as const,
      ),
  );
  const stopReconnects = observeCounter(meter, Metrics.websocketReconnects, () => {
    const health = deps.health();
    return health.kind === 'upbit'
      ? [[Math.max(0, health.connections - 1), { [Label.stream]: 'public' }]]
      : [];
  });
  return {
    /** A tick of `m` was published. */
    tick: (m: Market) => ticks.add(1, { [Label.market]: market.of(m) }),
    stop: () => {
      stopAges();
      stopReconnects();
    },
  };
}
