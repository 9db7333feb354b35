import type { OrderEvent } from '@hoga/contracts';
import {
  dec,
  DEFAULT_FEE_RATE,
  type Krw,
  type OrderId,
  type PositionId,
  type Price,
  type Volume,
} from '@hoga/model';

const T0 = Date.parse('2026-11-23T00:00:00.000Z');
const envelope = (id: string) => ({
  id,
  occurredAt: new Date(T0).toISOString(),
  causationId: null,
  correlationId: id,
});

/** Test support: what a simulated order executor reports about one position's orders. */
export const executorEvents = (positionId: PositionId) => ({
  accepted: (orderId: string): OrderEvent => ({
    ...envelope(`acc-${orderId}`),
    type: 'OrderAccepted',
    data: {
      positionId,
      orderId: orderId as OrderId,
      identifier: orderId,
      exchangeOrderId: `ex-${orderId}`,
      via: 'response',
    },
  }),
  filled: (orderId: string, tradeUuid: string, volume: string, price: string): OrderEvent => {
    const funds = dec(volume).mul(price);
    return {
      ...envelope(`fill-${tradeUuid}`),
      type: 'OrderFilled',
      data: {
        positionId,
        orderId: orderId as OrderId,
        tradeUuid,
        price: dec(price) as Price,
        volume: dec(volume) as Volume,
        funds: funds as Krw,
        fee: funds.mul(DEFAULT_FEE_RATE) as Krw,
        at: new Date(T0).toISOString(),
        exchangeOrderId: `ex-${orderId}`,
        market: 'KRW-BTC' as never,
        side: orderId.endsWith('-e1') ? 'bid' : 'ask',
      },
    };
  },
  completed: (
    orderId: string,
    state: 'done' | 'cancel',
    volume: string,
    price: string,
  ): OrderEvent => {
    const funds = dec(volume).mul(price);
    return {
      ...envelope(`done-${orderId}`),
      type: 'OrderCompleted',
      data: {
        positionId,
        orderId: orderId as OrderId,
        exchangeOrderId: `ex-${orderId}`,
        state,
        executedVolume: dec(volume) as Volume,
        executedFunds: funds as Krw,
        paidFee: funds.mul(DEFAULT_FEE_RATE) as Krw,
        tradesCount: 1,
      },
    };
  },
});
