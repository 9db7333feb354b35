import { deepEqual, equal, ok } from 'node:assert/strict';
import { dec, krw, price, volume } from '@hoga/model';
import type { ExchangeOrder, ExchangeTrade } from './exchange-order.js';
import type { Trade } from './order-record.js';
import { planSnapshot } from './snapshot-plan.js';

const RATE = dec('0.0005');
const at = new Date('2026-11-23T10:00:00.000Z');
const trade = (uuid: string, p: string, v: string): ExchangeTrade => ({
  uuid,
  price: price(p),
  volume: volume(v),
  funds: krw(dec(p).mul(v)),
  at,
});
const recorded = (t: ExchangeTrade, fee: string): Trade => ({ ...t, fee: krw(fee), source: 'ws' });
const snapshot = (over: Partial<ExchangeOrder>): ExchangeOrder => ({
  uuid: 'u-1',
  identifier: 'id-1',
  market: 'KRW-BTC',
  state: 'wait',
  executedVolume: volume('0'),
  executedFunds: null,
  paidFee: krw('0'),
  tradesCount: 0,
  trades: [],
  ...over,
});

describe('planSnapshot', () => {
  const t1 = trade('t-1', '100000000', '0.001'); // funds 100,000, fee 50
  const t2 = trade('t-2', '100001000', '0.00099'); // funds 99,000.99, fee 49.500495

  it('records only unrecorded trades, at funds x rate, and does not complete an open order', () => {
    const plan = planSnapshot(
      snapshot({ trades: [t1, t2], tradesCount: 2 }),
      [recorded(t1, '50')],
      RATE,
    );
    deepEqual(
      plan.newTrades.map((t) => [t.uuid, t.fee.toString(), t.source]),
      [['t-2', '49.500495', 'rest']],
    );
    equal(plan.completion, null);
    equal(plan.gap, null);
  });

  it('completes a final order once every trade is recorded, with Upbit figures', () => {
    const done = snapshot({
      state: 'cancel',
      trades: [t1, t2],
      tradesCount: 2,
      executedVolume: volume('0.00199'),
      paidFee: krw('99.500495'),
    });
    const plan = planSnapshot(done, [recorded(t1, '50')], RATE);
    ok(plan.completion);
    equal(plan.completion.state, 'cancel');
    ok(plan.completion.executedFunds.eq(dec('199000.99')), 'executed funds summed from the trades');
    ok(plan.completion.paidFee.eq('99.500495'));
  });

  it('gives the last new trade of a final order what is left of paid_fee, so fees add up', () => {
    const done = snapshot({
      state: 'done',
      trades: [t1, t2],
      tradesCount: 2,
      executedVolume: volume('0.00199'),
      paidFee: krw('99.5'),
    });
    const plan = planSnapshot(done, [], RATE);
    deepEqual(
      plan.newTrades.map((t) => t.fee.toString()),
      ['50', '49.5'],
    );
  });

  it('keeps funds x rate when the remainder would be negative (Upbit figures inconsistent)', () => {
    const done = snapshot({
      state: 'done',
      trades: [t1, t2],
      tradesCount: 2,
      executedVolume: volume('0.00199'),
    });
    const plan = planSnapshot(done, [recorded(t1, '60')], RATE);
    deepEqual(
      plan.newTrades.map((t) => t.fee.toString()),
      ['49.500495'],
    );
  });

  it('does not complete while trades are missing, and says so', () => {
    const done = snapshot({
      state: 'done',
      trades: [t1],
      tradesCount: 2,
      executedVolume: volume('0.00199'),
    });
    const plan = planSnapshot(done, [], RATE);
    equal(plan.completion, null);
    ok(plan.gap?.startsWith('1 of 2 trades recorded'), plan.gap ?? '');
  });

  it('completes a cancelled order that never traded', () => {
    const plan = planSnapshot(snapshot({ state: 'cancel' }), [], RATE);
    ok(plan.completion?.executedVolume.isZero() && plan.completion.executedFunds.isZero());
  });
});
