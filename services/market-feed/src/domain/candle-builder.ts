import { candleIntervalMs, type CandleInterval } from '@hoga/contracts';
import type { Decimal, Krw, Market, Price, Volume } from '@hoga/model';
import type { CandleData } from '@hoga/contracts';
import type { TickData } from './normalize-trade.js';

/** When candles are published. */
export interface CandleTiming {
  /** A forming candle is published at most once per this many ms (0: on every trade). */
  readonly formingThrottleMs: number;
  /** A candle with no trade after its end is closed this long after the end. */
  readonly closeGraceMs: number;
}

/** A candle to publish and how many trades it holds (forming updates are told apart by it). */
export interface BuiltCandle {
  readonly data: CandleData;
  readonly trades: number;
  /** `data.openTime` in epoch milliseconds. */
  readonly openMs: number;
}

/** Trades summed into one update (see {@link CandleBuilder.addRun}). */
export interface TradeRun {
  readonly high: Price;
  readonly low: Price;
  readonly close: Price;
  readonly volume: Volume;
  readonly turnover: Krw;
  readonly trades: number;
}

interface Forming {
  readonly openTime: number;
  /** `openTime` as ISO-8601, made once per candle rather than once per publish. */
  readonly openIso: string;
  readonly open: Price;
  high: Price;
  low: Price;
  close: Price;
  volume: Volume;
  turnover: Krw;
  trades: number;
}

/**
 * Builds the candles of one market and interval from its trades, on the UTC grid. A candle
 * closes when the first trade of a later interval arrives, or once `now` passes its end by the
 * grace period. An interval without trades makes no candle (as on Upbit). A trade of an interval
 * already closed is left out: a closed candle is final.
 */
export class CandleBuilder {
  readonly #ms: number;
  #forming: Forming | undefined;
  #lastClosedOpen = Number.NEGATIVE_INFINITY;
  #lastFormingAt = Number.NEGATIVE_INFINITY;
  #dirty = false;

  constructor(
    readonly market: Market,
    readonly interval: CandleInterval,
    private readonly timing: CandleTiming,
  ) {
    this.#ms = candleIntervalMs(interval);
  }

  /**
   * Folds in a trade (`turnover` = price × volume), appending what to publish now to `out`: the
   * candle it closed, then the forming one when the throttle allows. False for a late trade.
   */
  add(trade: TickData, turnover: Decimal, now: number, out: BuiltCandle[]): boolean {
    const openTime = trade.tradeTimestamp - (trade.tradeTimestamp % this.#ms);
    if (openTime <= this.#lastClosedOpen) return false;
    const f = this.#forming;
    if (f !== undefined && openTime > f.openTime) this.#close(f, out);
    const current = this.#forming;
    if (current === undefined || openTime > current.openTime) {
      this.#forming = open(openTime, trade, turnover);
    } else {
      merge(current, trade, turnover);
    }
    this.#dirty = true;
    this.publishIfDue(now, out);
    return true;
  }

  /** The open time (epoch ms) of the candle a trade at `timestamp` belongs to. */
  openTimeOf(timestamp: number): number {
    return timestamp - (timestamp % this.#ms);
  }

  /** True when a changed forming candle would be published at `now` (the throttle has passed). */
  formingDue(now: number): boolean {
    return now - this.#lastFormingAt >= this.timing.formingThrottleMs;
  }

  /**
   * Folds in a run of trades of the forming candle's interval that {@link CandleBook} summed
   * (the same as adding them one by one: max, min, last, exact sums). Publishes nothing.
   */
  addRun(run: TradeRun): void {
    const f = this.#forming;
    if (f === undefined) throw new Error('CandleBuilder.addRun: no forming candle');
    if (run.high.gt(f.high)) f.high = run.high;
    if (run.low.lt(f.low)) f.low = run.low;
    f.close = run.close;
    f.volume = f.volume.plus(run.volume) as Volume;
    f.turnover = f.turnover.plus(run.turnover) as Krw;
    f.trades += run.trades;
    this.#dirty = true;
  }

  /** Closes the forming candle once `now` ≥ its end + grace; else publishes a due forming update. */
  tick(now: number, out: BuiltCandle[]): void {
    const f = this.#forming;
    if (f === undefined) return;
    if (now >= f.openTime + this.#ms + this.timing.closeGraceMs) this.#close(f, out);
    else this.publishIfDue(now, out);
  }

  /** Publishes the forming candle now if it changed since it was last published. */
  flush(out: BuiltCandle[]): void {
    const f = this.#forming;
    if (f !== undefined && this.#dirty) this.#emit(f, false, out);
  }

  /** Publishes the forming candle if it changed and the throttle allows. */
  publishIfDue(now: number, out: BuiltCandle[]): void {
    const f = this.#forming;
    if (f === undefined || !this.#dirty || !this.formingDue(now)) return;
    this.#lastFormingAt = now;
    this.#emit(f, false, out);
  }

  #close(f: Forming, out: BuiltCandle[]): void {
    this.#emit(f, true, out);
    this.#lastClosedOpen = f.openTime;
    this.#forming = undefined;
  }

  #emit(f: Forming, closed: boolean, out: BuiltCandle[]): void {
    this.#dirty = false;
    const data: CandleData = {
      market: this.market,
      interval: this.interval,
      openTime: f.openIso,
      open: f.open,
      high: f.high,
      low: f.low,
      close: f.close,
      volume: f.volume,
      turnoverKrw: f.turnover,
      closed,
    };
    out.push({ data, trades: f.trades, openMs: f.openTime });
  }
}

function open(openTime: number, t: TickData, turnover: Decimal): Forming {
  const p = t.price;
  return {
    openTime,
    openIso: new Date(openTime).toISOString(),
    open: p,
    high: p,
    low: p,
    close: p,
    volume: t.volume,
    turnover: turnover as Krw,
    trades: 1,
  };
}

function merge(f: Forming, t: TickData, turnover: Decimal): void {
  if (t.price.gt(f.high)) f.high = t.price;
  if (t.price.lt(f.low)) f.low = t.price;
  f.close = t.price;
  f.volume = f.volume.plus(t.volume) as Volume;
  f.turnover = f.turnover.plus(turnover) as Krw;
  f.trades += 1;
}
