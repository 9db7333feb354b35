import { deepEqual, equal } from 'node:assert/strict';
import { dec } from '@hoga/model';
import { CandleSeries, MINUTE_MS, aggregate, buckets } from './candle-series.js';

const T0 = Date.UTC(2026, 0, 5, 0, 0, 0); // a Monday
const trade = (minute: number, price: string, volume = '1', askBid: 'ASK' | 'BID' = 'BID') => ({
  price: dec(price),
  volume: dec(volume),
  askBid,
  timestamp: T0 + minute * MINUTE_MS + 1000,
});

describe('candle series', () => {
  it('folds trades into OHLCV buckets and skips empty buckets', () => {
    const s = new CandleSeries(MINUTE_MS, 100);
    [trade(0, '100'), trade(0, '105'), trade(0, '98', '2', 'ASK'), trade(3, '101')].forEach((t) =>
      s.add(t),
    );
    equal(s.candles.length, 2);
    const c = s.candles[0]!;
    deepEqual([c.open, c.high, c.low, c.close, c.accVolume, c.askVolume, c.bidVolume].map(String), [
      '100',
      '105',
      '98',
      '98',
      '4',
      '2',
      '2',
    ]);
    equal(c.accPrice.toString(), '401');
    equal(s.latest()!.start, T0 + 3 * MINUTE_MS);
  });

  it('keeps at most cap candles', () => {
    const s = new CandleSeries(MINUTE_MS, 3);
    for (let m = 0; m < 5; m++) s.add(trade(m, '100'));
    deepEqual(
      s.candles.map((c) => (c.start - T0) / MINUTE_MS),
      [2, 3, 4],
    );
  });

  it('aggregates minutes into 5-minute buckets', () => {
    const s = new CandleSeries(MINUTE_MS, 100);
    [trade(1, '10'), trade(4, '12'), trade(5, '9'), trade(9, '11')].forEach((t) => s.add(t));
    const five = aggregate(s.candles, buckets.minutes(5));
    deepEqual(
      five.map((c) => [
        (c.start - T0) / MINUTE_MS,
        c.open.toString(),
        c.high.toString(),
        c.close.toString(),
      ]),
      [
        [0, '10', '12', '12'],
        [5, '9', '11', '11'],
      ],
    );
    equal(s.candles[0]!.close.toString(), '10', 'aggregation must not change the source candles');
  });

  it('starts weeks on Monday and months on the 1st (UTC)', () => {
    const thursday = Date.UTC(2026, 0, 8, 12);
    equal(buckets.week(thursday), T0);
    equal(buckets.week(T0), T0);
    equal(buckets.month(thursday), Date.UTC(2026, 0, 1));
  });
});
