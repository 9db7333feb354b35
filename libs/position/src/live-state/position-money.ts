import type { Decimal, Krw, Price, Volume } from '@hoga/model';
import { ZERO } from '@hoga/model';
import { netProceeds } from './fees.js';
import type { PositionContext, Totals } from './position-context.js';

/** Decimal places kept for derived prices and proportional cost bases (1e-8 KRW). */
const DERIVED_DECIMALS = 8;

/** Volume held now: bought minus sold. */
export const heldVolume = (c: PositionContext): Volume =>
  c.bought.volume.minus(c.sold.volume) as Volume;

/** Everything the entry cost: Σ entry funds + Σ entry fees (Upbit adds the bid fee on top). */
export const costBasis = (c: PositionContext): Krw => c.bought.funds.plus(c.bought.fees) as Krw;

/** All fees the position paid, entry and exit. */
export const totalFees = (c: PositionContext): Krw => c.bought.fees.plus(c.sold.fees) as Krw;

/**
 * The cost basis of `volume` of the bought coins: exact for the whole position (fees carry 9+
 * decimals, so rounding would put the realized PnL of a full exit off the trades' sum), and
 * proportional, rounded to 1e-8 KRW, for a part of it.
 */
function costOf(c: PositionContext, volume: Decimal): Decimal {
  // Stryker disable next-line ConditionalExpression: with nothing bought, `volume` is 0 too and the cost basis is 0
  if (c.bought.volume.isZero()) return ZERO;
  if (volume.eq(c.bought.volume)) return costBasis(c);
  return costBasis(c).mul(volume).div(c.bought.volume).toDecimalPlaces(DERIVED_DECIMALS);
}

/**
 * Realized PnL from actual trades: Σ exit funds − Σ exit fees − the cost basis of the sold
 * volume. Computed from the sums, so it does not depend on the order fills arrived in.
 */
export const realizedPnl = (c: PositionContext): Krw =>
  c.sold.funds.minus(c.sold.fees).minus(costOf(c, c.sold.volume)) as Krw;

/** Mark-to-market PnL of the held volume at `price`, after the exit fee it would pay. */
export const unrealizedPnl = (c: PositionContext, price: Price | null, feeRate: Decimal): Krw => {
  const held = heldVolume(c);
  if (price === null || held.isZero()) return ZERO as Krw;
  return netProceeds(held, price, feeRate).minus(costOf(c, held)) as Krw;
};

/** Volume-weighted average trade price of `totals` (fees excluded), rounded to 1e-8 KRW. */
export const averagePrice = (totals: Totals): Price | null =>
  totals.volume.isZero()
    ? null
    : (totals.funds.div(totals.volume).toDecimalPlaces(DERIVED_DECIMALS) as Price);
