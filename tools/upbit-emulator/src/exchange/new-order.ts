import { ZERO } from '@hoga/model';
import type { FeeRates } from './fees.js';
import type { Reservation } from './order-checks.js';
import type { OrderRequest } from './order-request.js';
import type { Order } from './order.js';
import { refreshReservation } from './settlement.js';

/** A freshly accepted order: nothing executed, its reservation (and reserved fee) set. */
export function newOrder(
  uuid: string,
  accessKey: string,
  req: OrderRequest,
  reservation: Reservation,
  createdAt: number,
  fees: FeeRates,
): Order {
  const fundsDriven = req.side === 'bid' && (req.ordType === 'price' || req.ordType === 'best');
  const order: Order = {
    uuid,
    accessKey,
    market: req.market,
    side: req.side,
    ordType: req.ordType,
    price: req.price,
    volume: req.volume,
    timeInForce: req.timeInForce,
    smpType: req.smpType,
    identifier: req.identifier,
    createdAt,
    state: 'wait',
    remainingVolume: req.volume,
    remainingFunds: fundsDriven ? req.price : undefined,
    executedVolume: ZERO,
    executedFunds: ZERO,
    reservedFee: ZERO,
    remainingFee: ZERO,
    paidFee: ZERO,
    locked: reservation.amount,
    preventedVolume: ZERO,
    preventedLocked: ZERO,
    trades: [],
    finishedAt: undefined,
  };
  refreshReservation(order, fees);
  order.reservedFee = order.remainingFee;
  return order;
}
