import {
  tickRejection,
  type Decimal,
  type Market,
  type Price,
  type TickRejectionReason,
} from '@hoga/model';
import {
  judgeTrade,
  median,
  NO_PRICE_HISTORY,
  withinBand,
  type PriceSanitySettings,
  type PriceSanityState,
} from './price-sanity.js';

/** What the guard says about one tick: deliver it to the actors (its price confirmed), or not. */
export type TickGateVerdict =
  | { readonly deliver: true }
  | { readonly deliver: false; readonly why: TickRejectionReason | 'held' };

/** The counts of the guard since start (the `status` endpoint shows them). */
export interface TickGateCounts {
  /** Ticks received on a market subject. */
  received: number;
  /** Ticks handed to the actors (with `priceConfirmed`). */
  delivered: number;
  /** Refused outright: the body names another market than the subject; the price is off the grid. */
  rejected: Record<TickRejectionReason, number>;
  /** Held by the price sanity rule: outside the band of recent trades, or no recent trade yet. */
  held: { outlier: number; 'no-reference': number };
  /** Held levels confirmed by the trades after them (then delivered). */
  confirmed: number;
  /** Held trades given up unconfirmed (the market went on within the band). */
  dropped: number;
}

/** Why a closed candle did not reach the actors. */
export type CandleRejectionReason =
  'market-mismatch' | 'interval-mismatch' | 'off-tick-grid' | 'outlier';

/** The candle counts of the gate. */
export interface CandleGateCounts {
  received: number;
  delivered: number;
  rejected: Record<CandleRejectionReason, number>;
}

/** One market held now: how many trades wait at which level. */
export interface HeldLevel {
  readonly market: Market;
  readonly trades: number;
  readonly firstPrice: Price;
}

/**
 * The gate of a tick path (ADR 0024; position-actor before its actors, risk-guard before its
 * marks). A tick goes on only when its body names the market of the subject it came on, its
 * price is on Upbit's tick grid, and the price sanity rule accepts it: within the band of the
 * market's recent trades, or confirmed by the trades after it. A market seen for the first time
 * is seeded with `seed()` (prices the exchange itself executed at, or marks already confirmed),
 * so a restart does not hold the first tick of a market with positions. Every tick not passed on
 * is counted by reason. Mutable per-market memory, no I/O, no clock.
 */
export class TickGate {
  readonly counts: TickGateCounts = {
    received: 0,
    delivered: 0,
    rejected: { 'market-mismatch': 0, 'off-tick-grid': 0 },
    held: { outlier: 0, 'no-reference': 0 },
    confirmed: 0,
    dropped: 0,
  };
  /** Closed candles: their subject, their prices on the grid, their close in the band. */
  readonly candleCounts: CandleGateCounts = {
    received: 0,
    delivered: 0,
    rejected: { 'market-mismatch': 0, 'interval-mismatch': 0, 'off-tick-grid': 0, outlier: 0 },
  };
  readonly #markets = new Map<Market, PriceSanityState>();

  constructor(readonly settings: PriceSanitySettings) {}

  /** Judges a tick (its body's market and price) that came on the subject of `subjectMarket`. */
  judge(
    subjectMarket: Market,
    tick: { readonly market: string; readonly price: Decimal },
    seed: () => readonly Decimal[] = () => [],
  ): TickGateVerdict {
    const c = this.counts;
    c.received += 1;
    const refused = tickRejection(subjectMarket, tick);
    if (refused !== null) {
      c.rejected[refused] += 1;
      return { deliver: false, why: refused };
    }
    const before = this.#markets.get(subjectMarket) ?? this.#seeded(seed());
    const { state, verdict } = judgeTrade(this.settings, before, tick.price);
    this.#markets.set(subjectMarket, state);
    c.dropped += verdict.dropped;
    if (verdict.kind === 'hold') {
      c.held[verdict.why] += 1;
      return { deliver: false, why: 'held' };
    }
    if (verdict.how === 'confirmed') c.confirmed += 1;
    c.delivered += 1;
    return { deliver: true };
  }

  /**
   * Judges a closed candle that came on the subject of (`subjectInterval`, `subjectMarket`): its
   * body must name both, its open, high, low and close must be on the tick grid, and its close
   * within the band of the market's recent accepted trades when there are any (a candle is a
   * summary of trades, never a confirmation: it does not move the market's history). Counted.
   */
  judgeCandle(
    subjectMarket: Market,
    subjectInterval: string,
    candle: {
      readonly market: string;
      readonly interval: string;
      readonly open: Decimal;
      readonly high: Decimal;
      readonly low: Decimal;
      readonly close: Decimal;
    },
  ): CandleRejectionReason | null {
    const c = this.candleCounts;
    c.received += 1;
    const why = this.#candleRejection(subjectMarket, subjectInterval, candle);
    if (why !== null) c.rejected[why] += 1;
    else c.delivered += 1;
    return why;
  }

  #candleRejection(
    subjectMarket: Market,
    subjectInterval: string,
    candle: Parameters<TickGate['judgeCandle']>[2],
  ): CandleRejectionReason | null {
    if (candle.market !== subjectMarket) return 'market-mismatch';
    if (candle.interval !== subjectInterval) return 'interval-mismatch';
    const prices = [candle.open, candle.high, candle.low, candle.close];
    for (const price of prices) {
      const refused = tickRejection(subjectMarket, { market: subjectMarket, price });
      if (refused !== null) return refused;
    }
    const recent = this.#markets.get(subjectMarket)?.recent ?? [];
    if (recent.length === 0) return null;
    return withinBand(candle.close, median(recent), this.settings.bandPct) ? null : 'outlier';
  }

  /** Markets with trades held now. */
  heldLevels(): HeldLevel[] {
    return [...this.#markets.entries()]
      .filter(([, s]) => s.held !== null)
      .map(([market, s]) => ({
        market,
        trades: s.held!.prices.length,
        firstPrice: s.held!.prices[0]! as Price,
      }));
  }

  /** Forgets a market no longer subscribed (its next tick starts from the seed again). */
  forget(market: Market): void {
    this.#markets.delete(market);
  }

  #seeded(prices: readonly Decimal[]): PriceSanityState {
    const recent = prices.slice(-this.settings.window);
    return recent.length === 0 ? NO_PRICE_HISTORY : { recent, held: null };
  }
}
