import { Decimal, krw, type Krw, type Market, type Price } from '@hoga/model';

/** The coins held on one market, summed over the positions holding them. */
interface Book {
  /** Σ volume held. */
  volume: Decimal;
  /** Σ volume × the price each position's own state was valued at. */
  valued: Decimal;
  /** The market's latest tick price; undefined until a tick was seen. */
  mark: Price | undefined;
}

const ZERO = new Decimal(0);

/** mark × volume − valued: how much more the coins are worth at the mark than in the states. */
const shiftOf = (book: Book): Decimal =>
  book.mark === undefined ? ZERO : book.mark.mul(book.volume).minus(book.valued);

/**
 * Marks the positions' holdings to the latest tick of their market, in O(1) per tick and per
 * position change. A position state values its coins at the price its actor last saw
 * (`unrealizedPnl = volume × lastPrice × (1 − fee) − cost`); the guard sees the same ticks
 * directly, so the holdings of market m are worth `(1 − fee) × (mark × V − Σ volume × lastPrice)`
 * more than their states say. Linear and exact: no position is revisited on a tick.
 */
export class MarketMarks {
  readonly #books = new Map<Market, Book>();
  readonly #keep: Decimal;
  /** Σ over markets of {@link shiftOf}. */
  #shift: Decimal = ZERO;

  constructor(feeRate: Decimal) {
    this.#keep = new Decimal(1).minus(feeRate);
  }

  /** Adds (`sign` 1) or removes (−1) one position's holding valued at `price`. */
  hold(market: Market, volume: Decimal, price: Price, sign: 1 | -1): void {
    this.#change(market, (book) => {
      book.volume = book.volume.plus(volume.mul(sign));
      book.valued = book.valued.plus(volume.mul(price).mul(sign));
    });
  }

  /** A tick: the market's coins are now worth `price` each. True when holdings were revalued. */
  mark(market: Market, price: Price): boolean {
    const book = this.#books.get(market);
    if (book?.mark?.eq(price) === true) return false;
    this.#change(market, (b) => (b.mark = price));
    return book !== undefined && !book.volume.isZero();
  }

  /** The latest tick price of a market. */
  markOf(market: Market): Price | undefined {
    return this.#books.get(market)?.mark;
  }

  /** What marking to the ticks adds to the states' summed unrealized PnL (after the exit fee). */
  get unrealizedShift(): Krw {
    return krw(this.#shift.mul(this.#keep));
  }

  /** What marking to the ticks adds to the states' summed exposure. */
  get exposureShift(): Krw {
    return krw(this.#shift);
  }

  #change(market: Market, update: (book: Book) => void): void {
    const book = this.#books.get(market) ?? { volume: ZERO, valued: ZERO, mark: undefined };
    const before = shiftOf(book);
    update(book);
    this.#books.set(market, book);
    this.#shift = this.#shift.minus(before).plus(shiftOf(book));
  }
}
