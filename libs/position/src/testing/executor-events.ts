import type { OrderDenialReason, OrderEvent } from '@hoga/contracts';
import {
  dec,
  DEFAULT_FEE_RATE,
  type Krw,
  type Market,
  type OrderId,
  type PositionId,
  type Price,
  type Volume,
} from '@hoga/model';

export const POSITION_ID = 'pos-1' as PositionId;
export const MARKET = 'KRW-BTC' as Market;
export const T0 = Date.parse('2026-11-23T00:00:00.000Z');

/** Test support: the order executor's events about the test position's orders. */
const p = (x: string) => dec(x) as Price;
const v = (x: string) => dec(x) as Volume;
const k = (x: string | number) => dec(x) as Krw;
const envelope = (id: string, atMs: number) => ({
  id,
  occurredAt: new Date(atMs).toISOString(),
  causationId: null,
  correlationId: POSITION_ID,
});
const placed = (orderId: string) => ({
  positionId: POSITION_ID,
  orderId: orderId as OrderId,
  identifier: orderId,
});

/** Order executor events for the position's orders. */
export const orderEvents = {
  filled: (
    orderId: string,
    tradeUuid: string,
    volume: string,
    price: string,
    atMs = T0,
  ): OrderEvent => {
    const funds = dec(volume).mul(price);
    return {
      ...envelope(`fill-${tradeUuid}`, atMs),
      type: 'OrderFilled',
      data: {
        positionId: POSITION_ID,
        orderId: orderId as OrderId,
        tradeUuid,
        price: p(price),
        volume: v(volume),
        funds: funds as Krw,
        fee: funds.mul(DEFAULT_FEE_RATE) as Krw,
        at: new Date(atMs).toISOString(),
        exchangeOrderId: `ex-${orderId}`,
        market: MARKET,
        side: orderId.includes('-e') ? 'bid' : 'ask',
      },
    };
  },
  completed: (
    orderId: string,
    state: 'done' | 'cancel',
    executedVolume: string,
    atMs = T0,
  ): OrderEvent => ({
    ...envelope(`done-${orderId}-${executedVolume}`, atMs),
    type: 'OrderCompleted',
    data: {
      positionId: POSITION_ID,
      orderId: orderId as OrderId,
      exchangeOrderId: `ex-${orderId}`,
      state,
      executedVolume: v(executedVolume),
      executedFunds: k(0),
      paidFee: k(0),
      tradesCount: 0,
    },
  }),
  rejected: (orderId: string, name = 'insufficient_funds_ask'): OrderEvent => ({
    ...envelope(`rej-${orderId}`, T0),
    type: 'OrderRejected',
    data: { ...placed(orderId), error: { name, message: 'rejected' }, httpStatus: 400 },
  }),
  denied: (orderId: string, reason: OrderDenialReason = 'trading-halted'): OrderEvent => ({
    ...envelope(`den-${orderId}`, T0),
    type: 'OrderDenied',
    data: { ...placed(orderId), reason, detail: reason === 'trading-halted' ? 'HALTED' : reason },
  }),
  notPlaced: (orderId: string): OrderEvent => ({
    ...envelope(`np-${orderId}`, T0),
    type: 'OrderNotPlaced',
    data: { ...placed(orderId), detail: 'absent' },
  }),
  unknown: (orderId: string): OrderEvent => ({
    ...envelope(`unk-${orderId}`, T0),
    type: 'OrderUnknown',
    data: { ...placed(orderId), cause: 'timeout', detail: 'timeout' },
  }),
  accepted: (orderId: string): OrderEvent => ({
    ...envelope(`acc-${orderId}`, T0),
    type: 'OrderAccepted',
    data: { ...placed(orderId), exchangeOrderId: `ex-${orderId}`, via: 'response' },
  }),
  cancelledUnsent: (orderId: string): OrderEvent => ({
    ...envelope(`can-${orderId}`, T0),
    type: 'OrderCancelled',
    data: { positionId: POSITION_ID, orderId: orderId as OrderId, exchangeOrderId: null },
  }),
};
