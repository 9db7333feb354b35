import type { CandleInterval } from '@hoga/contracts';
import type { Krw, Market, Price, Volume } from '@hoga/model';
import {
  CandleBuilder,
  type BuiltCandle,
  type CandleTiming,
  type TradeRun,
} from './candle-builder.js';
import type { TickData } from './normalize-trade.js';

/** The candle intervals to build and when to publish them. */
export interface CandleBookOptions extends CandleTiming {
  readonly intervals: readonly CandleInterval[];
}

/**
 * The trades of a market since its last trade that went through every builder, all in the same
 * candle of every interval (`openTimes`), summed once instead of once per interval.
 */
interface OpenRun {
  /** Per builder: the open time of the candle the run belongs to. */
  readonly openTimes: number[];
  /** Per builder: false when that candle had already closed (the run's trades are late there). */
  readonly accepted: boolean[];
  /** Builders that refuse the run's trades as late. */
  readonly late: number;
  high: Price | undefined;
  low: Price | undefined;
  close: Price | undefined;
  volume: Volume | undefined;
  turnover: Krw | undefined;
  trades: number;
}

interface MarketCandles {
  readonly builders: CandleBuilder[];
  run: OpenRun | undefined;
}

/**
 * Every candle the feed builds: one {@link CandleBuilder} per market and interval, created on a
 * market's first trade. Pure: time arrives as `now`; the caller publishes what is returned.
 *
 * A trade in another candle than the market's previous trade (of any interval) goes through
 * every builder (it may close a candle, open one, be late). The following trades of the same
 * candles are summed into a run (max, min, last, exact sums: one Decimal fold per trade instead
 * of one per interval) and handed to the builders before anything is published: when a forming
 * update falls due, on the clock, on a flush. What is published is exactly what adding each
 * trade to each builder gives.
 */
export class CandleBook {
  readonly #markets = new Map<Market, MarketCandles>();
  #lateTrades = 0;

  constructor(private readonly options: CandleBookOptions) {}

  /** Trades left out of a candle that had already closed (one count per interval). */
  get lateTrades(): number {
    return this.#lateTrades;
  }

  /** Folds a trade into every interval of its market; returns the candles to publish now. */
  addTrade(trade: TickData, now: number): BuiltCandle[] {
    const out: BuiltCandle[] = [];
    const m = this.#marketOf(trade.market);
    const turnover = trade.price.mul(trade.volume) as Krw;
    const run = m.run;
    if (run !== undefined && inRun(run, m.builders, trade.tradeTimestamp)) {
      foldRun(run, trade, turnover);
      this.#lateTrades += run.late;
      if (m.builders.some((b, i) => run.accepted[i] === true && b.formingDue(now))) {
        settle(m.builders, run);
        for (let i = 0; i < m.builders.length; i++)
          if (run.accepted[i] === true) m.builders[i]!.publishIfDue(now, out);
      }
      return out;
    }
    if (run !== undefined) settle(m.builders, run);
    const accepted = m.builders.map((b) => b.add(trade, turnover, now, out));
    const late = accepted.filter((a) => !a).length;
    this.#lateTrades += late;
    m.run = {
      openTimes: m.builders.map((b) => b.openTimeOf(trade.tradeTimestamp)),
      accepted,
      late,
      ...EMPTY_RUN,
    };
    return out;
  }

  /** Closes candles whose end + grace has passed and publishes due forming updates. */
  tick(now: number): BuiltCandle[] {
    const out: BuiltCandle[] = [];
    for (const m of this.#markets.values()) {
      this.#endRun(m);
      for (const b of m.builders) b.tick(now, out);
    }
    return out;
  }

  /** Every forming candle that changed since it was last published (end of a replay). */
  flush(): BuiltCandle[] {
    const out: BuiltCandle[] = [];
    for (const m of this.#markets.values()) {
      this.#endRun(m);
      for (const b of m.builders) b.flush(out);
    }
    return out;
  }

  /** Drops a market's candles (it is no longer watched); nothing is published for them. */
  forget(market: Market): void {
    this.#markets.delete(market);
  }

  /** Hands a market's run to its builders and ends it (the clock may close candles next). */
  #endRun(m: MarketCandles): void {
    if (m.run !== undefined) settle(m.builders, m.run);
    m.run = undefined;
  }

  #marketOf(market: Market): MarketCandles {
    let m = this.#markets.get(market);
    if (m === undefined) {
      const builders = this.options.intervals.map(
        (i) => new CandleBuilder(market, i, this.options),
      );
      m = { builders, run: undefined };
      this.#markets.set(market, m);
    }
    return m;
  }
}

const EMPTY_RUN = {
  high: undefined,
  low: undefined,
  close: undefined,
  volume: undefined,
  turnover: undefined,
  trades: 0,
} as const;

/** True when a trade at `timestamp` falls in the run's candle of every interval. */
function inRun(run: OpenRun, builders: readonly CandleBuilder[], timestamp: number): boolean {
  for (let i = 0; i < builders.length; i++)
    if (builders[i]!.openTimeOf(timestamp) !== run.openTimes[i]) return false;
  return true;
}

function foldRun(run: OpenRun, t: TickData, turnover: Krw): void {
  const p = t.price;
  if (run.trades === 0) {
    run.high = run.low = p;
    run.volume = t.volume;
    run.turnover = turnover;
  } else {
    if (p.gt(run.high!)) run.high = p;
    else if (p.lt(run.low!)) run.low = p;
    run.volume = run.volume!.plus(t.volume) as Volume;
    run.turnover = run.turnover!.plus(turnover) as Krw;
  }
  run.close = p;
  run.trades += 1;
}

/** Hands the run's trades to the builders that accept them and empties it (same candles). */
function settle(builders: readonly CandleBuilder[], run: OpenRun): void {
  if (run.trades === 0) return;
  const summed: TradeRun = {
    high: run.high!,
    low: run.low!,
    close: run.close!,
    volume: run.volume!,
    turnover: run.turnover!,
    trades: run.trades,
  };
  for (let i = 0; i < builders.length; i++)
    if (run.accepted[i] === true) builders[i]!.addRun(summed);
  Object.assign(run, EMPTY_RUN);
}
