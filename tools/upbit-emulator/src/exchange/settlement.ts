import { type Decimal, ZERO } from '@hoga/model';
import { feeOf, reservedFeeOf, type FeeRates } from './fees.js';
import type { Ledger } from './ledger.js';
import { baseCurrency, quoteCurrency, type Fill, type Order } from './order.js';

/** The KRW a bid still has reserved for trades: remaining volume at the limit, or unspent funds. */
function bidReserveBase(o: Order): Decimal {
  if (o.remainingFunds !== undefined) return o.remainingFunds;
  return (o.remainingVolume ?? ZERO).mul(o.price ?? ZERO);
}

/** Sets locked/remaining_fee from what the order still reserves (bid: KRW + fee; ask: coins). */
export function refreshReservation(o: Order, rates: FeeRates): void {
  if (o.side === 'bid') {
    const base = bidReserveBase(o);
    o.remainingFee = reservedFeeOf(base, rates);
    o.locked = base.plus(o.remainingFee);
  } else {
    o.remainingFee = ZERO;
    o.locked = o.remainingVolume ?? ZERO;
  }
}

/** What a fill needs besides the execution itself. */
export interface FillContext {
  readonly rates: FeeRates;
  readonly isMaker: boolean;
  readonly uuid: string;
  readonly trend: 'up' | 'down';
  readonly at: number;
}

/**
 * Applies one execution to an order and its account, exactly: a bid releases its reservation
 * for the filled part and pays price*volume + fee from it (any price improvement returns to
 * the balance) and receives the coins; an ask gives up locked coins and receives the proceeds
 * minus the fee.
 */
export function settleFill(
  o: Order,
  ledger: Ledger,
  price: Decimal,
  volume: Decimal,
  ctx: FillContext,
): Fill {
  const funds = price.mul(volume);
  const fee = feeOf(funds, ctx.rates, ctx.isMaker);
  const quote = quoteCurrency(o.market);
  const base = baseCurrency(o.market);
  const lockedBefore = o.locked;
  if (o.remainingVolume !== undefined) o.remainingVolume = o.remainingVolume.minus(volume);
  if (o.remainingFunds !== undefined) o.remainingFunds = o.remainingFunds.minus(funds);
  refreshReservation(o, ctx.rates);
  if (o.side === 'bid') {
    const released = lockedBefore.minus(o.locked);
    ledger.spendLocked(quote, released);
    ledger.credit(quote, released.minus(funds).minus(fee));
    ledger.creditPurchase(base, volume, price);
  } else {
    ledger.spendLocked(base, volume);
    ledger.credit(quote, funds.minus(fee));
  }
  o.executedVolume = o.executedVolume.plus(volume);
  o.executedFunds = o.executedFunds.plus(funds);
  o.paidFee = o.paidFee.plus(fee);
  const fill: Fill = {
    uuid: ctx.uuid,
    price,
    volume,
    funds,
    fee,
    isMaker: ctx.isMaker,
    trend: ctx.trend,
    at: ctx.at,
  };
  o.trades.push(fill);
  return fill;
}

/** Ends an order (`done` or `cancel`): whatever it still has locked returns to the balance. */
export function closeOrder(o: Order, ledger: Ledger, state: 'done' | 'cancel', at: number): void {
  const currency = o.side === 'bid' ? quoteCurrency(o.market) : baseCurrency(o.market);
  if (o.locked.gt(0)) ledger.unlock(currency, o.locked);
  o.locked = ZERO;
  o.remainingFee = ZERO;
  o.state = state;
  o.finishedAt = at;
}
