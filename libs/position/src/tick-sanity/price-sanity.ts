import { compareDecimals, Decimal } from '@hoga/model';

/**
 * How far a trade may stray from recent trades before it must be confirmed (ADR 0024).
 * - `bandPct`: a price within ±bandPct % of the reference (the median of the last `window`
 *   accepted prices) is accepted at once;
 * - `confirmTrades`: a price outside the band is held until this many further trades lie within
 *   the band around it (then the last of them is accepted); 0 turns the hold off.
 * The hold therefore delays a genuine move beyond the band by exactly `confirmTrades` trades,
 * and a move within the band not at all.
 */
export interface PriceSanitySettings {
  readonly bandPct: Decimal;
  readonly window: number;
  readonly confirmTrades: number;
}

/** The defaults: ±10 %, the median of the last 5 accepted trades, 2 confirming trades. */
export const DEFAULT_PRICE_SANITY: PriceSanitySettings = {
  bandPct: new Decimal(10),
  window: 5,
  confirmTrades: 2,
};

/** Trades held at a level outside the band, oldest first (all within the band of the first). */
interface Held {
  readonly prices: readonly Decimal[];
}

/** What the rule remembers about one market: recent accepted prices and the held trades. */
export interface PriceSanityState {
  /** The last `window` accepted prices, oldest first. */
  readonly recent: readonly Decimal[];
  readonly held: Held | null;
  /**
   * The band last worked out around the median of `recent` (the reference): kept from trade to
   * trade and used again for as long as the median is the same trade and the band as wide.
   */
  readonly band?: Band;
}

/** A market the rule has seen nothing of: its first trade is held until confirmed. */
export const NO_PRICE_HISTORY: PriceSanityState = { recent: [], held: null };

/**
 * The verdict on one trade:
 * - `accept`: it may reach the positions; `how` says what vouches for it (`in-band`: recent
 *   trades; `confirmed`: the trades after it, when it was outside the band or had no reference);
 * - `hold`: it may not move anything yet (`outlier`: outside the band of the reference;
 *   `no-reference`: nothing accepted yet on this market).
 * `dropped` counts held trades given up by this one (the market came back to the band, or
 * moved to yet another level): they were never confirmed and never reach a position.
 */
export type PriceSanityVerdict =
  | { readonly kind: 'accept'; readonly how: 'in-band' | 'confirmed'; readonly dropped: number }
  | { readonly kind: 'hold'; readonly why: 'outlier' | 'no-reference'; readonly dropped: number };

const HUNDRED = new Decimal(100);

/**
 * The median of a non-empty list (the lower middle one of an even count: an actual trade). An
 * insertion sort of a copy: the list is a market's last few trades, judged on every trade.
 */
export function median(prices: readonly Decimal[]): Decimal {
  const sorted = prices.slice();
  for (let i = 1; i < sorted.length; i++) {
    const x = sorted[i]!;
    let j = i - 1;
    for (; j >= 0 && compareDecimals(sorted[j]!, x) > 0; j--) sorted[j + 1] = sorted[j]!;
    sorted[j + 1] = x;
  }
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The prices within ±pct % of a reference: [low, high], inclusive. */
export interface Band {
  readonly reference: Decimal;
  readonly pct: Decimal;
  /** pct / 100, kept for the next band of the same width. */
  readonly fraction: Decimal;
  readonly low: Decimal;
  readonly high: Decimal;
}

/**
 * The band of ±pct % around `reference`: |price − reference| ≤ reference × pct / 100 told as
 * reference − that ≤ price ≤ reference + that (the same for any price of under 50 significant
 * digits: no rounding either way), so a trade is judged with two comparisons and no arithmetic.
 */
export function bandAround(
  reference: Decimal,
  pct: Decimal,
  fraction: Decimal = pct.div(HUNDRED),
): Band {
  // reference × (pct / 100) is reference × pct / 100 exactly: dividing by 100 moves the point.
  const half = reference.mul(fraction);
  return { reference, pct, fraction, low: reference.minus(half), high: reference.plus(half) };
}

/** True when `price` lies in the band (inclusive). */
export const inBand = (price: Decimal, band: Band): boolean =>
  compareDecimals(price, band.low) >= 0 && compareDecimals(price, band.high) <= 0;

/** True when `price` lies within ±bandPct % of `reference` (inclusive). */
export const withinBand = (price: Decimal, reference: Decimal, bandPct: Decimal): boolean =>
  inBand(price, bandAround(reference, bandPct));

/** The band of the market's reference: the one it kept when the median is still the same trade. */
function referenceBand(state: PriceSanityState, pct: Decimal): Band | null {
  if (state.recent.length === 0) return null;
  const reference = median(state.recent);
  const kept = state.band;
  if (kept === undefined || kept.pct !== pct) return bandAround(reference, pct);
  return kept.reference === reference ? kept : bandAround(reference, pct, kept.fraction);
}

const keepLast = (prices: readonly Decimal[], n: number): readonly Decimal[] =>
  prices.length <= n ? prices : prices.slice(prices.length - n);

/**
 * The rule (pure): the verdict on a trade at `price` and the market's next state. A trade in
 * the band of the reference is accepted and drops anything held; outside it (or with no
 * reference) it joins the held level when within the band of that level's first trade, else
 * starts a new held level; a held level is accepted on its `confirmTrades + 1`-th trade, which
 * then becomes the market's recent history.
 */
export function judgeTrade(
  settings: PriceSanitySettings,
  state: PriceSanityState,
  price: Decimal,
): { readonly state: PriceSanityState; readonly verdict: PriceSanityVerdict } {
  const heldCount = state.held?.prices.length ?? 0;
  const band = referenceBand(state, settings.bandPct);
  if (band !== null && inBand(price, band))
    return {
      state: { recent: keepLast([...state.recent, price], settings.window), held: null, band },
      verdict: { kind: 'accept', how: 'in-band', dropped: heldCount },
    };
  if (settings.confirmTrades === 0)
    return {
      state: { recent: [price], held: null },
      verdict: { kind: 'accept', how: 'confirmed', dropped: heldCount },
    };
  const joins = state.held !== null && withinBand(price, state.held.prices[0]!, settings.bandPct);
  const prices = joins ? [...state.held.prices, price] : [price];
  const dropped = joins ? 0 : heldCount;
  if (prices.length > settings.confirmTrades)
    return {
      state: { recent: keepLast(prices, settings.window), held: null },
      verdict: { kind: 'accept', how: 'confirmed', dropped },
    };
  const why = band === null ? 'no-reference' : 'outlier';
  return {
    state: { recent: state.recent, held: { prices }, ...(band === null ? {} : { band }) },
    verdict: { kind: 'hold', why, dropped },
  };
}
