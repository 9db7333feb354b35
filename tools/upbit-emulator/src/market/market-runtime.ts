import type { Decimal } from '@hoga/model';
import { krwTickSize } from '@hoga/model';
import { MarketHistory, type PublicTrade } from './market-history.js';
import type { SourceTrade } from './price-simulator.js';
import { SyntheticBook, type BookParams } from './synthetic-book.js';

/** The fixed description of one market. */
export interface MarketSpec {
  readonly market: string;
  readonly koreanName: string;
  readonly englishName: string;
  readonly book: BookParams;
}

/** One live market: its last trade, its synthetic book and its history. */
export class MarketRuntime {
  readonly history: MarketHistory;
  private reference: Decimal;
  /** Built on first use after each trade (building costs a division per level). */
  private book: SyntheticBook | undefined;

  constructor(
    readonly spec: MarketSpec,
    startPrice: Decimal,
  ) {
    this.history = new MarketHistory(spec.market);
    this.reference = startPrice;
  }

  /** The market code, `KRW-BTC`. */
  get code(): string {
    return this.spec.market;
  }

  /** The last traded price (the book's reference). */
  get price(): Decimal {
    return this.reference;
  }

  /** The current synthetic book (consumed by taker orders until the next trade). */
  get currentBook(): SyntheticBook {
    this.book ??= new SyntheticBook(this.reference, this.spec.book);
    return this.book;
  }

  /** The tick size at the current price, as `/v1/orderbook/instruments` reports it. */
  get tickSize(): Decimal {
    return krwTickSize(this.price);
  }

  /** Records a market trade at `at` and rebuilds the book around its price. */
  trade(t: SourceTrade, at: number): PublicTrade {
    const recorded = this.history.record({ ...t, timestamp: at });
    this.reference = t.price;
    this.book = undefined;
    return recorded;
  }
}
