import {
  Decimal,
  MIN_ORDER_KRW,
  truncateVolume,
  type Krw,
  type Price,
  type Volume,
} from '@hoga/model';
import type { OrderTrack } from './position-context.js';

const ONE = new Decimal(1);

/**
 * The KRW total of a market buy that stays within `budget` once Upbit's bid fee is added on
 * top: Upbit locks `total + total x rate`, so the total is `budget / (1 + rate)`, truncated to
 * whole won. Budget 200,000 at 0.05 % -> 199,900 (spends 199,900 + 99.95 fee = 199,999.95).
 */
export const marketBuyTotal = (budget: Decimal, feeRate: Decimal): Krw =>
  budget.div(ONE.plus(feeRate)).toDecimalPlaces(0, Decimal.ROUND_DOWN) as Krw;

/**
 * The volume of a limit buy at `price` that stays within `budget` with the fee on top:
 * `budget / ((1 + rate) x price)`, truncated to 8 decimals.
 */
export const limitBuyVolume = (budget: Decimal, price: Decimal, feeRate: Decimal): Volume =>
  truncateVolume(budget.div(ONE.plus(feeRate).mul(price)));

/** KRW received for selling `volume` at `price`: Upbit takes the ask fee out of the proceeds. */
export const netProceeds = (volume: Decimal, price: Decimal, feeRate: Decimal): Krw =>
  volume.mul(price).mul(ONE.minus(feeRate)) as Krw;

/**
 * True when `volume` is positive but worth less than Upbit's minimum order total at `price`:
 * it cannot be sold, so a closing position leaves it behind as recorded dust.
 */
export const isDust = (volume: Decimal, price: Price, minimum: Decimal = MIN_ORDER_KRW): boolean =>
  volume.gt(0) && volume.mul(price).lt(minimum);

/**
 * The failure codes that mean "this order is under the exchange minimum": Upbit's refusal of a
 * sell (`under_min_total_ask`) and the pre-trade check's denial of a priced order
 * (`under-min-total`, libs/risk). Only these make a position's leftover coins dust without a
 * confirmed price (ADR 0024).
 */
export const UNDER_MINIMUM_CODES: ReadonlySet<string> = new Set([
  'under_min_total_ask',
  'under-min-total',
]);

/** True when an exit order was refused (or denied) by the exchange minimum. */
export const refusedUnderMinimum = (o: OrderTrack): boolean =>
  o.request.leg === 'exit' &&
  (o.failure === 'rejected' || o.failure === 'denied') &&
  UNDER_MINIMUM_CODES.has(o.failureCode ?? '');

/** True when an order total meets the exchange minimum. */
export const meetsMinimum = (total: Decimal, minimum: Decimal = MIN_ORDER_KRW): boolean =>
  total.gte(minimum);
