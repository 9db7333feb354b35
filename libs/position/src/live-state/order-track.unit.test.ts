import { equal, ok } from 'node:assert/strict';
import type { Fill, OrderRequest } from '@hoga/contracts';
import { dec, type Krw, type Market, type OrderId, type Price, type Volume } from '@hoga/model';
import {
  executedVolume,
  fillFits,
  isSettled,
  newOrder,
  replaceOrder,
  withEnd,
  withFailure,
  withFill,
} from './order-track.js';

const order = (over: Partial<OrderRequest>): OrderRequest => ({
  orderId: 'pos-1-x1' as OrderId,
  identifier: 'pos-1-x1',
  leg: 'exit',
  attempt: 1,
  market: 'KRW-BTC' as Market,
  side: 'ask',
  kind: 'market',
  price: null,
  volume: dec('0.002') as Volume,
  totalKrw: null,
  ...over,
});
const fill = (volume: string, funds = dec(volume).mul(100_000_000)): Fill => ({
  orderId: 'pos-1-x1' as OrderId,
  tradeUuid: volume,
  price: dec(100_000_000) as Price,
  volume: dec(volume) as Volume,
  funds: funds as Krw,
  fee: dec(0) as Krw,
  at: '2026-11-23T00:00:00Z',
});
const V = (x: string) => dec(x) as Volume;

describe('order track', () => {
  it('is live until its executed volume is known and filled', () => {
    const sell = newOrder(order({}));
    ok(!isSettled(sell));
    ok(!isSettled(withFill(sell, fill('0.001'))));
    ok(
      isSettled(withFill(withFill(sell, fill('0.001')), fill('0.001'))),
      'a sell fully filled needs no final state',
    );
    const ended = withEnd(withFill(sell, fill('0.001')), {
      state: 'cancel',
      executedVolume: V('0.0015'),
    });
    ok(!isSettled(ended), 'a final state ahead of its fills waits for them');
    ok(isSettled(withFill(ended, fill('0.0005'))));
    ok(isSettled(withFailure(sell, 'rejected')));
  });
  it('knows a market buy executed only from its final state (the refund makes funds < total)', () => {
    const buy = newOrder(
      order({ leg: 'entry', side: 'bid', volume: null, totalKrw: dec(199900) as Krw }),
    );
    equal(executedVolume(withFill(buy, fill('0.001999'))), null);
    equal(
      executedVolume(withEnd(buy, { state: 'cancel', executedVolume: V('0.001999') }))?.toString(),
      '0.001999',
    );
  });
  it('refuses fills beyond the size, the budget or the executed volume', () => {
    const sell = newOrder(order({}));
    ok(fillFits(sell, fill('0.002')));
    ok(!fillFits(sell, fill('0.00200001')));
    const buy = newOrder(
      order({ leg: 'entry', side: 'bid', volume: null, totalKrw: dec(199900) as Krw }),
    );
    ok(fillFits(buy, fill('0.001999')));
    ok(!fillFits(buy, fill('0.002')));
    ok(!fillFits(withEnd(sell, { state: 'cancel', executedVolume: V('0.001') }), fill('0.0011')));
    ok(!fillFits(withFailure(sell, 'denied'), fill('0.001')));
  });
  it('gives the same sums for the same order and trade (the memo never leaks across calls)', () => {
    const sell = newOrder(order({}));
    const a = fill('0.001');
    const once = withFill(sell, a);
    equal(withFill(sell, a), once);
    equal(withFill(once, fill('0.0005')).filled.volume.toString(), '0.0015');
    equal(withFill(sell, fill('0.0005')).filled.volume.toString(), '0.0005');
    equal(withFill(sell, a).filled.volume.toString(), '0.001');
  });

  it('replaces only the order of the same id', () => {
    const first = newOrder(order({ orderId: 'pos-1-e1' as OrderId, identifier: 'pos-1-e1' }));
    const second = newOrder(order({ orderId: 'pos-1-e2' as OrderId, identifier: 'pos-1-e2' }));
    const ended = withFailure(second, 'not-placed');
    const orders = replaceOrder([first, second], ended);
    equal(orders.length, 2);
    ok(orders[0] === first, 'the other order is kept as it was');
    ok(orders[1] === ended);
  });

  it('knows no executed volume for a partly filled order that has not ended', () => {
    const sell = newOrder(order({}));
    equal(executedVolume(withFill(sell, fill('0.001'))), null);
    equal(executedVolume(withFill(sell, fill('0.002')))?.toString(), '0.002');
  });

  it('serves the memo only for the same order and fill: one fill on two orders books each', () => {
    const same = fill('0.001');
    const first = newOrder(order({}));
    const second = newOrder(order({ volume: V('0.005') }));
    equal(withFill(first, same).request, first.request);
    const booked = withFill(second, same);
    equal(booked.request, second.request, 'not the first order from the memo');
    equal(booked.filled.volume.toString(), '0.001');
  });
});
