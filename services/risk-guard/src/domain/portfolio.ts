import type { PositionState } from '@hoga/contracts';
import {
  DEFAULT_FEE_RATE,
  krw,
  type Decimal,
  type Krw,
  type Market,
  type PositionId,
  type Price,
} from '@hoga/model';
import type { Holding, LossFigures } from '@hoga/risk';
import { MarketMarks } from './market-marks.js';

type PositionData = PositionState['data'];

interface Tracked {
  readonly data: PositionData;
  /** Realized PnL not counted against the limit: what was settled before the limit was armed. */
  readonly realizedBaseline: Krw;
}

const holds = (p: PositionData): boolean => p.volume.gt(0);
const exposureOf = (p: PositionData): Krw =>
  holds(p) && p.lastPrice !== null ? krw(p.volume.mul(p.lastPrice)) : krw(0);
const unrealizedOf = (p: PositionData): Krw => (holds(p) ? p.unrealizedPnlKrw : krw(0));

/** A position's realized PnL as its stored events say. */
interface StoredRealized {
  readonly atArming: Krw;
  readonly now: Krw;
}

/**
 * The latest snapshot of every position and running sums over them, updated per message in
 * O(1): unrealized PnL and exposure of the positions holding coins (any status, `error`
 * included), marked to the latest tick of each market, and realized PnL since the loss limit
 * was armed.
 *
 * Realized PnL counts against the limit from a per-position baseline: the position's realized PnL
 * at arming. A position first seen after arming starts with a provisional baseline (its realized
 * PnL when first seen) until the event store tells its exact one ({@link storedRealized}); a
 * position known only from the store (it closed while risk-guard was down and publishes no state)
 * counts with what the store says it realized since arming.
 */
export class Portfolio {
  readonly #positions = new Map<PositionId, Tracked>();
  /** Realized PnL from the event store of positions with no state seen yet. */
  readonly #stored = new Map<PositionId, StoredRealized>();
  readonly #prices = new Map<Market, Price>();
  readonly #marks: MarketMarks;
  /** Σ unrealized PnL of the holding positions as their states value them. */
  #unrealized = krw(0);
  /** Σ volume × last price of the holding positions as their states value them. */
  #exposure = krw(0);
  #realizedSinceArming = krw(0);
  #holding = 0;

  constructor(feeRate: Decimal = DEFAULT_FEE_RATE) {
    this.#marks = new MarketMarks(feeRate);
  }

  /**
   * Applies one snapshot; false when it is older than the one held (core messages may reorder).
   */
  apply(next: PositionData): boolean {
    const known = this.#positions.get(next.positionId);
    if (known !== undefined && next.version < known.data.version) return false;
    const before = known?.data;
    const stored = this.#stored.get(next.positionId);
    const baseline = known?.realizedBaseline ?? stored?.atArming ?? next.realizedPnlKrw;
    if (stored !== undefined) {
      // the state takes over from the store
      this.#realizedSinceArming = krw(
        this.#realizedSinceArming.minus(stored.now).plus(stored.atArming),
      );
      this.#stored.delete(next.positionId);
    }
    this.#count(next, 1);
    if (before !== undefined) this.#count(before, -1);
    this.#realizedSinceArming = krw(
      this.#realizedSinceArming.plus(next.realizedPnlKrw).minus(before?.realizedPnlKrw ?? baseline),
    );
    this.#positions.set(next.positionId, { data: next, realizedBaseline: baseline });
    if (next.lastPrice !== null) this.#prices.set(next.market, next.lastPrice);
    return true;
  }

  /** A tick: revalues the market's holdings; true when that changed the figures. */
  mark(market: Market, price: Price): boolean {
    return this.#marks.mark(market, price);
  }

  /**
   * A position's realized PnL at arming and now, as the event store says. A position already
   * seen moves from its provisional baseline to the exact one (its states keep telling the
   * realized PnL now); one not seen counts `now − atArming` until its state arrives.
   */
  storedRealized(positionId: PositionId, atArming: Krw, now: Krw): void {
    const tracked = this.#positions.get(positionId);
    if (tracked === undefined) {
      const before = this.#stored.get(positionId);
      const was = before === undefined ? krw(0) : before.now.minus(before.atArming);
      this.#realizedSinceArming = krw(
        this.#realizedSinceArming.minus(was).plus(now.minus(atArming)),
      );
      this.#stored.set(positionId, { atArming, now });
      return;
    }
    this.#realizedSinceArming = krw(
      this.#realizedSinceArming.plus(tracked.realizedBaseline).minus(atArming),
    );
    this.#positions.set(positionId, { data: tracked.data, realizedBaseline: atArming });
  }

  /**
   * Starts counting realized PnL from now (the limit was armed): every known position's realized
   * PnL becomes its baseline and the sum starts at zero; exact baselines come from the store.
   */
  rebaseRealized(): void {
    for (const [id, tracked] of this.#positions)
      this.#positions.set(id, {
        data: tracked.data,
        realizedBaseline: tracked.data.realizedPnlKrw,
      });
    this.#stored.clear();
    this.#realizedSinceArming = krw(0);
  }

  /** The figures the loss limit is evaluated on. */
  get figures(): LossFigures {
    return {
      totalUnrealizedPnl: this.unrealizedPnl,
      realizedPnlSinceArming: this.#realizedSinceArming,
    };
  }
  /** Σ unrealized PnL (after the exit fee) of the holding positions at the latest ticks. */
  get unrealizedPnl(): Krw {
    return krw(this.#unrealized.plus(this.#marks.unrealizedShift));
  }
  /** Market value of the coins held by positions (volume × the latest price). */
  get exposure(): Krw {
    return krw(this.#exposure.plus(this.#marks.exposureShift));
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
          lastPrice: this.#marks.markOf(data.market) ?? data.lastPrice,
        });
    return out;
  }

  /** The latest price of a market: its last tick, else the last price of a position on it. */
  lastPrice(market: Market): Price | undefined {
    return this.#marks.markOf(market) ?? this.#prices.get(market);
  }

  /** Adds (1) or removes (−1) a snapshot's holding from the sums. */
  #count(p: PositionData, sign: 1 | -1): void {
    this.#unrealized = krw(this.#unrealized.plus(unrealizedOf(p).mul(sign)));
    this.#exposure = krw(this.#exposure.plus(exposureOf(p).mul(sign)));
    if (holds(p)) this.#holding += sign;
    if (holds(p) && p.lastPrice !== null) this.#marks.hold(p.market, p.volume, p.lastPrice, sign);
  }
}
