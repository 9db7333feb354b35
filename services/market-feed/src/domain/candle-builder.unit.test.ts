import { deepEqual, equal } from 'node:assert/strict';
import { price, volume, type Market } from '@hoga/model';
import type { CandleInterval } from '@hoga/contracts';
import { CandleBuilder, type BuiltCandle } from './candle-builder.js';
import type { TickData } from './normalize-trade.js';

const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
const MIN = 60_000;
const BTC = 'KRW-BTC' as Market;

const trade = (at: number, p: string, v = '0.1'): TickData => ({
  market: BTC,
  price: price(p),
  volume: volume(v),
  side: 'bid',
  tradeTimestamp: at,
  sequentialId: at * 1000,
  bestBid: null,
  bestAsk: null,
});

/** A builder and a helper that folds a trade in at feed time `now` (default: the trade time). */
function builder(interval: CandleInterval = '1m', formingThrottleMs = 0, closeGraceMs = 2000) {
  const b = new CandleBuilder(BTC, interval, { formingThrottleMs, closeGraceMs });
  const add = (t: TickData, now = t.tradeTimestamp): BuiltCandle[] => {
    const out: BuiltCandle[] = [];
    b.add(t, t.price.mul(t.volume), now, out);
    return out;
  };
  const tick = (now: number): BuiltCandle[] => {
    const out: BuiltCandle[] = [];
    b.tick(now, out);
    return out;
  };
  return { b, add, tick };
}

const summary = (c: BuiltCandle) =>
  [c.data.openTime, c.data.open, c.data.high, c.data.low, c.data.close, c.data.volume]
    .map(String)
    .concat(c.data.closed ? 'closed' : 'forming');

describe('CandleBuilder', () => {
  it('aligns candles to the UTC grid and keeps OHLC, volume and turnover exact', () => {
    const { add } = builder('5m');
    add(trade(T0 + 7 * MIN + 1, '100.1', '0.1'));
    add(trade(T0 + 8 * MIN, '100.3', '0.2'));
    const [last] = add(trade(T0 + 9 * MIN + 59_999, '99.9', '0.00000001'));
    deepEqual(summary(last!), [
      '2026-01-05T00:05:00.000Z',
      '100.1',
      '100.3',
      '99.9',
      '99.9',
      '0.30000001',
      'forming',
    ]);
    equal(last!.data.turnoverKrw.toString(), '30.070000999');
    equal(last!.trades, 3);
  });

  it('puts a trade at the boundary into the new candle and closes the old one first', () => {
    const { add } = builder('1m');
    add(trade(T0 + MIN - 1, '10'));
    const out = add(trade(T0 + MIN, '11'));
    deepEqual(out.map(summary), [
      ['2026-01-05T00:00:00.000Z', '10', '10', '10', '10', '0.1', 'closed'],
      ['2026-01-05T00:01:00.000Z', '11', '11', '11', '11', '0.1', 'forming'],
    ]);
  });

  it('makes no candle for intervals without trades (gaps, as on Upbit)', () => {
    const { add } = builder('1m');
    add(trade(T0 + 10, '10'));
    const out = add(trade(T0 + 3 * MIN + 10, '12'));
    deepEqual(
      out.map((c) => [c.data.openTime, c.data.closed]),
      [
        ['2026-01-05T00:00:00.000Z', true],
        ['2026-01-05T00:03:00.000Z', false],
      ],
    );
  });

  it('closes by the clock once the end has passed by the grace period, and only then', () => {
    const { add, tick } = builder('1m', 0, 2000);
    add(trade(T0 + 30_000, '10'));
    deepEqual(tick(T0 + MIN + 1999), []);
    deepEqual(tick(T0 + MIN + 2000).map(summary), [
      ['2026-01-05T00:00:00.000Z', '10', '10', '10', '10', '0.1', 'closed'],
    ]);
    deepEqual(tick(T0 + 10 * MIN), [], 'closed once');
  });

  it('leaves a late trade of an interval already closed by the clock out of the candles', () => {
    const { b, add, tick } = builder('1m');
    add(trade(T0 + 30_000, '10'));
    tick(T0 + MIN + 2000);
    const out: BuiltCandle[] = [];
    equal(b.add(trade(T0 + 59_000, '9'), price('0.9'), T0 + MIN + 2100, out), false);
    deepEqual(out, []);
    deepEqual(add(trade(T0 + MIN + 2200, '12')).map(summary), [
      ['2026-01-05T00:01:00.000Z', '12', '12', '12', '12', '0.1', 'forming'],
    ]);
  });

  it('throttles forming updates, publishes the trailing one on the timer, never throttles a close', () => {
    const { add, tick } = builder('1m', 1000);
    equal(add(trade(T0 + 100, '10')).length, 1, 'the first update goes out at once');
    deepEqual(add(trade(T0 + 600, '12')), [], 'within 1 s: held back');
    deepEqual(tick(T0 + 1099), []);
    deepEqual(tick(T0 + 1100).map(summary), [
      ['2026-01-05T00:00:00.000Z', '10', '12', '10', '12', '0.2', 'forming'],
    ]);
    deepEqual(tick(T0 + 5000), [], 'nothing new, nothing sent');
    equal(add(trade(T0 + 59_500, '13')).length, 1);
    deepEqual(
      add(trade(T0 + MIN, '14')).map((c) => c.data.closed),
      [true],
      'new forming held',
    );
    deepEqual(tick(T0 + 60_500).map(summary), [
      ['2026-01-05T00:01:00.000Z', '14', '14', '14', '14', '0.1', 'forming'],
    ]);
  });

  it('closes the 60m candle at the hour, with 1m, 5m and 15m aligned alike', () => {
    const minutes = { '1m': 1, '5m': 5, '15m': 15, '60m': 60 } as const;
    for (const [interval, length] of Object.entries(minutes)) {
      const { add } = builder(interval as CandleInterval);
      add(trade(T0 + 60 * MIN - 1, '10'));
      const [closed, forming] = add(trade(T0 + 60 * MIN, '11'));
      equal(closed?.data.closed, true, interval);
      equal(closed.data.openTime, new Date(T0 + (60 - length) * MIN).toISOString(), interval);
      equal(forming?.data.openTime, '2026-01-05T01:00:00.000Z', interval);
    }
  });

  it('flushes only a forming candle that changed since it was published', () => {
    const { b, add } = builder('1m', 1000);
    add(trade(T0 + 100, '10'));
    const none: BuiltCandle[] = [];
    b.flush(none);
    deepEqual(none, []);
    add(trade(T0 + 200, '11'));
    const out: BuiltCandle[] = [];
    b.flush(out);
    deepEqual(out.map(summary), [
      ['2026-01-05T00:00:00.000Z', '10', '11', '10', '11', '0.2', 'forming'],
    ]);
  });
});
