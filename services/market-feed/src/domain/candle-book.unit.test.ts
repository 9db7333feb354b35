import { deepEqual, equal } from 'node:assert/strict';
import fc from 'fast-check';
import { price, volume, type Market } from '@hoga/model';
import { CandleBook } from './candle-book.js';
import { CandleBuilder, type BuiltCandle } from './candle-builder.js';
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

  it('counts every trade of a run that comes after its candle closed (late for 1m, not 5m)', () => {
    const b = book();
    b.addTrade(trade('KRW-BTC', T0 + 1), T0 + 1);
    b.tick(T0 + MIN + 1000);
    b.addTrade(trade('KRW-BTC', T0 + 50_000), T0 + MIN + 1000);
    const out = b.addTrade(trade('KRW-BTC', T0 + 50_001), T0 + MIN + 1000);
    equal(b.lateTrades, 2);
    deepEqual(
      out.map((c) => [c.data.interval, c.trades]),
      [['5m', 3]],
    );
  });

  it('forgets a market without publishing its forming candles', () => {
    const b = book();
    b.addTrade(trade('KRW-BTC', T0 + 1), T0 + 1);
    b.forget('KRW-BTC' as Market);
    deepEqual(b.tick(T0 + 10 * MIN), []);
    deepEqual(b.flush(), []);
  });

  it('publishes exactly what adding every trade to every builder gives (fuzzed: runs, gaps, late trades, clock, flush)', () => {
    type Op =
      | { kind: 'trade'; market: number; dt: number; price: number; volume: number; lag: number }
      | { kind: 'tick'; dt: number }
      | { kind: 'flush' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record({
          kind: fc.constant('trade' as const),
          market: fc.integer({ min: 0, max: 1 }),
          dt: fc.oneof(
            fc.integer({ min: 0, max: 400 }),
            fc.integer({ min: -120_000, max: 0 }),
            fc.integer({ min: 0, max: 400_000 }),
          ),
          price: fc.integer({ min: 1, max: 50 }),
          volume: fc.integer({ min: 1, max: 99_999_999 }),
          lag: fc.integer({ min: 0, max: 3000 }),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('tick' as const),
          dt: fc.integer({ min: 0, max: 200_000 }),
        }),
      },
      { weight: 1, arbitrary: fc.constant({ kind: 'flush' as const }) },
    );
    const text = (cs: readonly BuiltCandle[]) =>
      cs.map((c) => {
        const d = c.data;
        const values: unknown[] = [d.market, d.interval, d.openTime, d.open, d.high, d.low];
        values.push(d.close, d.volume, d.turnoverKrw, d.closed, c.trades, c.openMs);
        return values.map(String).join(' ');
      });
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 300 }),
        fc.constantFrom(0, 1000),
        fc.constantFrom(0, 2000),
        (ops, formingThrottleMs, closeGraceMs) => {
          const timing = { formingThrottleMs, closeGraceMs };
          const intervals = ['1m', '5m', '15m'] as const;
          const fast = new CandleBook({ intervals, ...timing });
          // The reference: every trade through every builder, one at a time.
          const builders = new Map<string, CandleBuilder[]>();
          let late = 0;
          const each = (fn: (b: CandleBuilder) => void) => {
            for (const bs of builders.values()) for (const b of bs) fn(b);
          };
          let t = T0;
          for (const o of ops) {
            if (o.kind === 'flush') {
              const out: BuiltCandle[] = [];
              each((b) => b.flush(out));
              deepEqual(text(fast.flush()), text(out));
              continue;
            }
            t += o.dt;
            if (o.kind === 'tick') {
              const out: BuiltCandle[] = [];
              each((b) => b.tick(t, out));
              deepEqual(text(fast.tick(t)), text(out));
              continue;
            }
            const tr = trade(o.market === 0 ? 'KRW-BTC' : 'KRW-ETH', t, String(o.price * 1000));
            const data = { ...tr, volume: volume(`0.${String(o.volume).padStart(8, '0')}`) };
            const now = t + o.lag;
            let bs = builders.get(data.market);
            if (bs === undefined)
              builders.set(
                data.market,
                (bs = intervals.map((i) => new CandleBuilder(data.market, i, timing))),
              );
            const out: BuiltCandle[] = [];
            const turnover = data.price.mul(data.volume);
            for (const b of bs) if (!b.add(data, turnover, now, out)) late += 1;
            deepEqual(text(fast.addTrade(data, now)), text(out));
            equal(fast.lateTrades, late);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
