import { deepEqual, equal } from 'node:assert/strict';
import { price, volume, type Market } from '@hoga/model';
import { CandleBook } from './candle-book.js';
import type { TickData } from './normalize-trade.js';

const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
const MIN = 60_000;

const trade = (market: string, at: number, p = '100'): TickData => ({
  market: market as Market,
  price: price(p),
  volume: volume('1'),
  side: 'ask',
  tradeTimestamp: at,
  sequentialId: at * 1000,
  bestBid: null,
  bestAsk: null,
});

const book = () =>
  new CandleBook({ intervals: ['1m', '5m'], formingThrottleMs: 0, closeGraceMs: 1000 });
const keys = (cs: ReturnType<CandleBook['tick']>) =>
  cs.map(
    (c) =>
      `${c.data.market} ${c.data.interval} ${c.data.openTime.slice(11, 16)} ${c.data.closed ? 'closed' : 'forming'}`,
  );

describe('CandleBook', () => {
  it('builds every interval of every market apart', () => {
    const b = book();
    deepEqual(keys(b.addTrade(trade('KRW-BTC', T0 + 1), T0 + 1)), [
      'KRW-BTC 1m 00:00 forming',
      'KRW-BTC 5m 00:00 forming',
    ]);
    deepEqual(keys(b.addTrade(trade('KRW-ETH', T0 + MIN), T0 + MIN)), [
      'KRW-ETH 1m 00:01 forming',
      'KRW-ETH 5m 00:00 forming',
    ]);
    deepEqual(keys(b.addTrade(trade('KRW-BTC', T0 + 5 * MIN), T0 + 5 * MIN)), [
      'KRW-BTC 1m 00:00 closed',
      'KRW-BTC 1m 00:05 forming',
      'KRW-BTC 5m 00:00 closed',
      'KRW-BTC 5m 00:05 forming',
    ]);
  });

  it('closes every market due by the clock and counts trades that came too late', () => {
    const b = book();
    b.addTrade(trade('KRW-BTC', T0 + 1), T0 + 1);
    b.addTrade(trade('KRW-ETH', T0 + 2), T0 + 2);
    deepEqual(keys(b.tick(T0 + MIN + 1000)), [
      'KRW-BTC 1m 00:00 closed',
      'KRW-ETH 1m 00:00 closed',
    ]);
    b.addTrade(trade('KRW-BTC', T0 + 59_000), T0 + MIN + 1001);
    equal(b.lateTrades, 1, 'late for 1m only: its 5m candle is still forming');
  });

  it('forgets a market without publishing its forming candles', () => {
    const b = book();
    b.addTrade(trade('KRW-BTC', T0 + 1), T0 + 1);
    b.forget('KRW-BTC' as Market);
    deepEqual(b.tick(T0 + 10 * MIN), []);
    deepEqual(b.flush(), []);
  });
});
