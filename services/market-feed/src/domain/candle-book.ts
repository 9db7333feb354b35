import type { CandleInterval } from '@hoga/contracts';
import type { Market } from '@hoga/model';
import { CandleBuilder, type BuiltCandle, type CandleTiming } from './candle-builder.js';
import type { TickData } from './normalize-trade.js';

/** The candle intervals to build and when to publish them. */
export interface CandleBookOptions extends CandleTiming {
  readonly intervals: readonly CandleInterval[];
}

/**
 * Every candle the feed builds: one {@link CandleBuilder} per market and interval, created on a
 * market's first trade. Pure: time arrives as `now`; the caller publishes what is returned.
 */
export class CandleBook {
  readonly #builders = new Map<Market, CandleBuilder[]>();
  #lateTrades = 0;

  constructor(private readonly options: CandleBookOptions) {}

  /** Trades left out of a candle that had already closed (one count per interval). */
  get lateTrades(): number {
    return this.#lateTrades;
  }

  /** Folds a trade into every interval of its market; returns the candles to publish now. */
  addTrade(trade: TickData, now: number): BuiltCandle[] {
    const out: BuiltCandle[] = [];
    const turnover = trade.price.mul(trade.volume);
    for (const builder of this.#buildersOf(trade.market))
      if (!builder.add(trade, turnover, now, out)) this.#lateTrades += 1;
    return out;
  }

  /** Closes candles whose end + grace has passed and publishes due forming updates. */
  tick(now: number): BuiltCandle[] {
    const out: BuiltCandle[] = [];
    for (const builders of this.#builders.values()) for (const b of builders) b.tick(now, out);
    return out;
  }

  /** Every forming candle that changed since it was last published (end of a replay). */
  flush(): BuiltCandle[] {
    const out: BuiltCandle[] = [];
    for (const builders of this.#builders.values()) for (const b of builders) b.flush(out);
    return out;
  }

  /** Drops a market's candles (it is no longer watched); nothing is published for them. */
  forget(market: Market): void {
    this.#builders.delete(market);
  }

  #buildersOf(market: Market): CandleBuilder[] {
    let builders = this.#builders.get(market);
    if (builders === undefined) {
      builders = this.options.intervals.map((i) => new CandleBuilder(market, i, this.options));
      this.#builders.set(market, builders);
    }
    return builders;
  }
}
