import { wire } from './codec.js';

const T0 = '2026-11-23T10:00:00.000Z';
const ids = { positionId: 'pos-1', orderId: 'pos-1-entry-1' };
const placed = { ...ids, identifier: 'hoga-pos-1-entry-1' };
const request = {
  ...placed,
  leg: 'entry',
  attempt: 1,
  market: 'KRW-BTC',
  side: 'bid',
  kind: 'market',
  price: null,
  volume: null,
  totalKrw: '200000',
};

/** Valid wire samples of order commands. */
export const orderCommandSamples = {
  marketBuy: wire('PlaceOrder', request),
  limitBuy: wire('PlaceOrder', {
    ...request,
    kind: 'limit',
    price: '95000000',
    volume: '0.0021',
    totalKrw: null,
  }),
  marketSell: wire('PlaceOrder', {
    ...request,
    orderId: 'pos-1-exit-1',
    identifier: 'hoga-pos-1-exit-1',
    leg: 'exit',
    side: 'ask',
    volume: '0.00210526',
    totalKrw: null,
  }),
  cancel: wire('CancelOrder', placed),
};

const uuid = 'cdd92199-2897-4e14-9448-f923320408ad';

/** Valid wire samples of every order event, by type. */
export const orderEventSamples = {
  OrderAccepted: wire('OrderAccepted', { ...placed, exchangeOrderId: uuid, via: 'response' }),
  OrderFilled: wire('OrderFilled', {
    positionId: 'pos-1',
    orderId: 'pos-1-entry-1',
    tradeUuid: '78162304-1a4d-4524-b9e6-c9a9e14d76c3',
    price: '95000000',
    volume: '0.00210526',
    funds: '199999.7',
    fee: '99.99985',
    at: T0,
    exchangeOrderId: uuid,
    market: 'KRW-BTC',
    side: 'bid',
  }),
  OrderCompleted: wire('OrderCompleted', {
    ...ids,
    exchangeOrderId: uuid,
    state: 'cancel',
    executedVolume: '0.00210526',
    executedFunds: '199999.7',
    paidFee: '99.99985',
    tradesCount: 1,
  }),
  OrderRejected: wire('OrderRejected', {
    ...placed,
    error: { name: 'insufficient_funds_bid', message: '주문가능한 금액(KRW)이 부족합니다.' },
    httpStatus: 400,
  }),
  OrderDenied: wire('OrderDenied', {
    ...placed,
    reason: 'trading-halted',
    detail: 'trading is HALTED',
  }),
  OrderUnknown: wire('OrderUnknown', { ...placed, cause: 'timeout', detail: 'no answer in 5 s' }),
  OrderNotPlaced: wire('OrderNotPlaced', { ...placed, detail: 'order_not_found after 3 lookups' }),
  OrderCancelled: wire('OrderCancelled', { ...ids, exchangeOrderId: null }),
};
