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

  /**
   * What taker orders left of the current book since the last trade, level by level (asks,
   * bids; best first), or undefined when it was not built since (nothing taken: the next use
   * builds it whole). Persistence: a snapshot between two trades keeps it, so the orders after
   * the snapshot replay against the book they met.
   */
  bookLeft(): { readonly asks: Decimal[]; readonly bids: Decimal[] } | undefined {
    if (!this.book) return undefined;
    return {
      asks: this.book.asks.map((l) => l.size),
      bids: this.book.bids.map((l) => l.size),
    };
  }

  /** Puts back what {@link bookLeft} returned for the same price and book parameters. */
  restoreBookLeft(left: {
    readonly asks: readonly Decimal[];
    readonly bids: readonly Decimal[];
  }): void {
    const book = new SyntheticBook(this.reference, this.spec.book);
    if (left.asks.length !== book.asks.length || left.bids.length !== book.bids.length)
      throw new Error(`${this.code}: a saved book of another shape`);
    left.asks.forEach((size, i) => (book.asks[i]!.size = size));
    left.bids.forEach((size, i) => (book.bids[i]!.size = size));
    this.book = book;
  }

  /** Records a market trade at `at` and rebuilds the book around its price. */
  trade(t: SourceTrade, at: number): PublicTrade {
    const recorded = this.history.record({ ...t, timestamp: at });
    this.reference = t.price;
    this.book = undefined;
    return recorded;
  }
}
