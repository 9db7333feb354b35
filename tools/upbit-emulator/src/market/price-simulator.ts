import { type Decimal, dec, roundToTick, truncateVolume } from '@hoga/model';
import type { Random } from '../util/prng.js';
import { SMALLEST_TICK } from './tick-steps.js';

/** The shape of a simulated market's random walk. */
export interface WalkParams {
  /** Standard deviation of the per-step return (0.001 = 0.1%). */
  readonly volatility: number;
  /** Chance per step of a jump. */
  readonly jumpProbability: number;
  /** Typical jump size as a return (0.02 = 2%), signed at random, scaled by 0.5..1.5. */
  readonly jumpSize: number;
  /** Mean per-step return. */
  readonly drift: number;
  /** Typical KRW value of one simulated market trade. */
  readonly tradeKrw: Decimal;
}

/** One market trade produced by a price source. */
export interface SourceTrade {
  readonly price: Decimal;
  readonly volume: Decimal;
  readonly askBid: 'ASK' | 'BID';
}

/** A random walk with jumps, in exact decimals on the KRW tick grid, driven by a seeded PRNG. */
export class PriceSimulator {
  constructor(
    private price: Decimal,
    private readonly params: WalkParams,
    private readonly rng: Random,
  ) {}

  /** The current price. */
  get current(): Decimal {
    return this.price;
  }

  /** Replaces the current price (an operator's jump or a reset); the walk continues from it. */
  reset(price: Decimal): void {
    this.price = price;
  }

  /** The next market trade: a new price on the grid, a volume and the taker side. */
  next(): SourceTrade {
    const previous = this.price;
    this.price = this.nextPrice(previous);
    return { price: this.price, volume: this.nextVolume(), askBid: this.side(previous) };
  }

  private nextPrice(from: Decimal): Decimal {
    const { volatility, jumpProbability, jumpSize, drift } = this.params;
    let r = drift + volatility * this.rng.gaussian();
    if (this.rng.next() < jumpProbability) {
      const sign = this.rng.next() < 0.5 ? -1 : 1;
      r += sign * jumpSize * (0.5 + this.rng.next());
    }
    const factor = dec(Math.max(r, -0.5).toFixed(12)).plus(1);
    const next = roundToTick(from.mul(factor), 'nearest');
    return next.gt(0) ? next : SMALLEST_TICK;
  }

  private nextVolume(): Decimal {
    const krw = this.params.tradeKrw.mul(dec((0.05 + this.rng.next() * 1.95).toFixed(6)));
    const v = truncateVolume(krw.div(this.price));
    return v.gt(0) ? v : dec('0.00000001');
  }

  private side(previous: Decimal): 'ASK' | 'BID' {
    if (this.price.gt(previous)) return 'BID';
    if (this.price.lt(previous)) return 'ASK';
    return this.rng.next() < 0.5 ? 'ASK' : 'BID';
  }
}
