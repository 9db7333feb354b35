import type { Decimal } from '@hoga/model';
import { CandleSeries, DAY_MS, MINUTE_MS, SECOND_MS, type CandleTrade } from './candle-series.js';

/** A trade of the public market (what `/v1/trades/ticks` and the `trade` stream show). */
export interface PublicTrade extends CandleTrade {
  readonly market: string;
  readonly sequentialId: number;
  /** The previous UTC day's close when the trade happened. */
  readonly prevClosingPrice: Decimal;
}

const MAX_TRADES = 2000;

/** The recorded past of one market: recent trades and 1-second, 1-minute and 1-day candles. */
export class MarketHistory {
  readonly trades: PublicTrade[] = [];
  readonly seconds = new CandleSeries(SECOND_MS, 7200);
  readonly minutes = new CandleSeries(MINUTE_MS, 400_000);
  readonly days = new CandleSeries(DAY_MS, 4000);
  private lastSequentialId = 0;

  constructor(readonly market: string) {}

  /** The close of the UTC day before the one `at` falls in (or the first price ever seen). */
  prevClose(at: number): Decimal | undefined {
    const dayStart = Math.floor(at / DAY_MS) * DAY_MS;
    const days = this.days.candles;
    for (let i = days.length - 1; i >= 0; i--) if (days[i]!.start < dayStart) return days[i]!.close;
    return days[0]?.open;
  }

  /** Records a trade; returns it with its sequential id and the previous close. */
  record(t: CandleTrade): PublicTrade {
    this.lastSequentialId = Math.max(this.lastSequentialId + 1, t.timestamp * 1000);
    const trade: PublicTrade = {
      ...t,
      market: this.market,
      sequentialId: this.lastSequentialId,
      prevClosingPrice: this.prevClose(t.timestamp) ?? t.price,
    };
    this.seconds.add(t);
    this.minutes.add(t);
    this.days.add(t);
    this.trades.push(trade);
    if (this.trades.length > MAX_TRADES) this.trades.splice(0, this.trades.length - MAX_TRADES);
    return trade;
  }

  /** The newest trade. */
  last(): PublicTrade | undefined {
    return this.trades[this.trades.length - 1];
  }
}
