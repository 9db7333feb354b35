import type { Decimal } from '@hoga/model';
import { INTERVALS, type IndicatorRef, type Interval } from '../strategy/strategy-spec.js';
import { createIndicator, indicatorKey } from './create-indicator.js';
import type { Indicator } from './indicator.js';
import { PriceIndicator } from './price.indicator.js';

/** A closed candle, as indicators need it. */
export interface ClosedCandle {
  /** Candle start, epoch milliseconds: orders candles and drops duplicates. */
  readonly start: number;
  readonly close: Decimal;
}

/** How many closed candles of an interval to warm up with. */
export interface HistoryRequirement {
  readonly interval: Interval;
  readonly count: number;
}

/** The largest warm-up history per interval, in {@link INTERVALS} order. */
export function historyOf(
  used: readonly { interval: Interval; indicator: Indicator }[],
): HistoryRequirement[] {
  return INTERVALS.flatMap((interval) => {
    const counts = used
      .filter((u) => u.interval === interval)
      .map((u) => u.indicator.recommendedHistory);
    return counts.length > 0 ? [{ interval, count: Math.max(...counts) }] : [];
  });
}

/**
 * The indicators of one or more conditions, one instance per distinct reference, fed per
 * interval with closed candles. Register every indicator (build every evaluator) before
 * feeding candles: a late one would start cold while its interval is already warm.
 */
export class IndicatorSet {
  private readonly groups = new Map<Interval, Map<string, Indicator>>();
  private readonly lastStart = new Map<Interval, number>();
  private readonly price = new PriceIndicator();

  /** The shared indicator for a reference (created on first use). */
  get(ref: IndicatorRef): Indicator {
    if (ref.indicator === 'price') return this.price;
    const key = indicatorKey(ref);
    const group = this.groups.get(ref.interval) ?? new Map<string, Indicator>();
    const existing = group.get(key);
    if (existing !== undefined) return existing;
    if (this.lastStart.has(ref.interval)) {
      throw new Error(`indicator ${key} registered after ${ref.interval} candles were applied`);
    }
    const indicator = createIndicator(ref);
    this.groups.set(ref.interval, group.set(key, indicator));
    return indicator;
  }

  /**
   * Applies a closed candle to the indicators of its interval. Returns false (and ignores
   * it) when no indicator uses the interval or the candle does not start after the last one
   * applied (a duplicate or a stale candle). Gaps are accepted: Upbit makes no candle for a
   * minute without trades.
   */
  onClosedCandle(interval: Interval, candle: ClosedCandle): boolean {
    const group = this.groups.get(interval);
    const last = this.lastStart.get(interval);
    if (group === undefined || (last !== undefined && candle.start <= last)) return false;
    this.lastStart.set(interval, candle.start);
    const close = candle.close.toNumber();
    for (const indicator of group.values()) indicator.update(close);
    return true;
  }

  /** Applies a candle history in start order (Upbit's REST API lists newest first). */
  warmUp(interval: Interval, candles: readonly ClosedCandle[]): number {
    const ordered = [...candles].sort((a, b) => a.start - b.start);
    return ordered.filter((candle) => this.onClosedCandle(interval, candle)).length;
  }

  /** Closed candles to fetch per interval before the first evaluation. */
  requiredHistory(): HistoryRequirement[] {
    const used = [...this.groups].flatMap(([interval, group]) =>
      [...group.values()].map((indicator) => ({ interval, indicator })),
    );
    return historyOf(used);
  }
}
