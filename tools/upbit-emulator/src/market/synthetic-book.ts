import { type Decimal, ZERO, dec, truncateVolume } from '@hoga/model';
import { moveTicks, tickDown, tickUp } from './tick-steps.js';

/** How the synthetic order book is laid out around the last price. */
export interface BookParams {
  /** Levels per side (Upbit shows 30). */
  readonly levels: number;
  /** KRW value resting at each level: the depth, and hence the slippage of large orders. */
  readonly levelKrw: Decimal;
  /** Ticks between the last price and the best ask (and the best bid). */
  readonly halfSpreadTicks: number;
}

/** One price level; `size` shrinks as orders take from it until the book is rebuilt. */
export interface BookLevel {
  readonly price: Decimal;
  size: Decimal;
}

/** The size a level of `params` holds at `price`: levelKrw / price, 8 decimals, at least 1e-8. */
export function levelSize(params: BookParams, price: Decimal): Decimal {
  const v = truncateVolume(params.levelKrw.div(price));
  return v.gt(0) ? v : dec('0.00000001');
}

/**
 * A book built around the last traded price: asks from `halfSpreadTicks` above it upward,
 * bids from as many ticks below it downward, each level holding `levelKrw` of volume.
 * Taker orders consume it; the next price step rebuilds it.
 */
export class SyntheticBook {
  readonly asks: BookLevel[] = [];
  readonly bids: BookLevel[] = [];

  constructor(
    readonly reference: Decimal,
    readonly params: BookParams,
  ) {
    let ask = moveTicks(reference, Math.max(1, params.halfSpreadTicks));
    let bid = moveTicks(reference, -Math.max(1, params.halfSpreadTicks));
    for (let i = 0; i < params.levels; i++) {
      this.asks.push({ price: ask, size: levelSize(params, ask) });
      ask = tickUp(ask);
      if (bid.gt(0)) {
        this.bids.push({ price: bid, size: levelSize(params, bid) });
        bid = tickDown(bid);
      }
    }
  }

  /** The lowest ask price (even when its size has been taken). */
  get bestAsk(): Decimal {
    return this.asks[0]?.price ?? this.reference;
  }

  /** The highest bid price (even when its size has been taken). */
  get bestBid(): Decimal {
    return this.bids[0]?.price ?? this.reference;
  }

  /** The levels a taker on `side` trades against: asks for a bid, bids for an ask. */
  opposite(side: 'bid' | 'ask'): BookLevel[] {
    return side === 'bid' ? this.asks : this.bids;
  }

  /** Total remaining size of one side. */
  total(side: 'asks' | 'bids'): Decimal {
    return this[side].reduce((sum, l) => sum.plus(l.size), ZERO);
  }
}
