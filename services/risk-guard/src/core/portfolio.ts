import type { PositionState } from '@hoga/contracts';
import { krw, type Krw, type Market, type PositionId, type Price } from '@hoga/model';
import type { Holding, LossFigures } from '@hoga/risk';

type PositionData = PositionState['data'];

interface Tracked {
  readonly data: PositionData;
  /** Realized PnL not counted against the limit (settled before arming / before we saw it). */
  readonly realizedBaseline: Krw;
}

const holds = (p: PositionData): boolean => p.volume.gt(0);
const exposureOf = (p: PositionData): Krw =>
  holds(p) && p.lastPrice !== null ? krw(p.volume.mul(p.lastPrice)) : krw(0);
const unrealizedOf = (p: PositionData): Krw => (holds(p) ? p.unrealizedPnlKrw : krw(0));

/**
 * The latest snapshot of every position and running sums over them, updated per message in
 * O(1): unrealized PnL and exposure of the positions holding coins (any status, `error`
 * included), and realized PnL since the loss limit was armed.
 */
export class Portfolio {
  readonly #positions = new Map<PositionId, Tracked>();
  readonly #prices = new Map<Market, Price>();
  #unrealized = krw(0);
  #exposure = krw(0);
  #realizedSinceArming = krw(0);
  #holding = 0;
  /** True when positions first seen now settled their realized PnL after arming. */
  #countNewRealized = false;

  /**
   * Applies one snapshot; false when it is older than the one held (core messages may reorder).
   */
  apply(next: PositionData): boolean {
    const known = this.#positions.get(next.positionId);
    if (known !== undefined && next.version < known.data.version) return false;
    const before = known?.data;
    const baseline =
      known?.realizedBaseline ?? (this.#countNewRealized ? krw(0) : next.realizedPnlKrw);
    this.#unrealized = krw(this.#unrealized.plus(unrealizedOf(next)));
    this.#exposure = krw(this.#exposure.plus(exposureOf(next)));
    this.#realizedSinceArming = krw(this.#realizedSinceArming.plus(next.realizedPnlKrw));
    if (holds(next)) this.#holding += 1;
    if (before !== undefined) {
      this.#unrealized = krw(this.#unrealized.minus(unrealizedOf(before)));
      this.#exposure = krw(this.#exposure.minus(exposureOf(before)));
      this.#realizedSinceArming = krw(this.#realizedSinceArming.minus(before.realizedPnlKrw));
      if (holds(before)) this.#holding -= 1;
    } else this.#realizedSinceArming = krw(this.#realizedSinceArming.minus(baseline));
    this.#positions.set(next.positionId, { data: next, realizedBaseline: baseline });
    if (next.lastPrice !== null) this.#prices.set(next.market, next.lastPrice);
    return true;
  }

  /**
   * Starts counting realized PnL from now: every known position's realized PnL becomes its
   * baseline, `carried` (realized since arming before a restart) is the starting sum, and
   * positions first seen later count in full when `countNewRealized` (armed in this process).
   */
  rebaseRealized(carried: Krw, countNewRealized: boolean): void {
    for (const [id, tracked] of this.#positions)
      this.#positions.set(id, {
        data: tracked.data,
        realizedBaseline: tracked.data.realizedPnlKrw,
      });
    this.#realizedSinceArming = carried;
    this.#countNewRealized = countNewRealized;
  }

  /** The figures the loss limit is evaluated on. */
  get figures(): LossFigures {
    return {
      totalUnrealizedPnl: this.#unrealized,
      realizedPnlSinceArming: this.#realizedSinceArming,
    };
  }
  get unrealizedPnl(): Krw {
    return this.#unrealized;
  }
  /** Market value of the coins held by positions (volume x last price). */
  get exposure(): Krw {
    return this.#exposure;
  }
  /** Positions holding coins. */
  get holdingPositions(): number {
    return this.#holding;
  }

  /** The positions holding coins with a known price, for the liquidation plan. */
  holdings(): Holding[] {
    const out: Holding[] = [];
    for (const { data } of this.#positions.values())
      if (holds(data) && data.lastPrice !== null)
        out.push({
          positionId: data.positionId,
          market: data.market,
          volume: data.volume,
          lastPrice: data.lastPrice,
        });
    return out;
  }

  /** The last price seen for a market, from any position on it. */
  lastPrice(market: Market): Price | undefined {
    return this.#prices.get(market);
  }
}
