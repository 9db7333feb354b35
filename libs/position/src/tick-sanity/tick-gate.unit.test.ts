import { deepEqual, equal } from 'node:assert/strict';
import { dec, type Market } from '@hoga/model';
import { DEFAULT_PRICE_SANITY } from './price-sanity.js';
import { TickGate } from './tick-gate.js';

const BTC = 'KRW-BTC' as Market;
const at = (price: string, market: string = BTC) => ({ market, price: dec(price) });

describe('tick gate: structure first, then the price sanity rule', () => {
  it('refuses a body naming another market and an off-grid price, counting each by reason', () => {
    const gate = new TickGate(DEFAULT_PRICE_SANITY);
    deepEqual(gate.judge(BTC, at('100000000', 'KRW-ETH')), {
      deliver: false,
      why: 'market-mismatch',
    });
    deepEqual(gate.judge(BTC, at('1e-30')), { deliver: false, why: 'off-tick-grid' });
    deepEqual(gate.counts.rejected, { 'market-mismatch': 1, 'off-tick-grid': 1 });
    equal(gate.counts.received, 2);
  });
  it('a cold market is seeded once: the seed makes its first normal tick pass', () => {
    const gate = new TickGate(DEFAULT_PRICE_SANITY);
    let seeded = 0;
    const seed = () => ((seeded += 1), [dec(100_000_000)]);
    deepEqual(gate.judge(BTC, at('100500000'), seed), { deliver: true });
    deepEqual(gate.judge(BTC, at('100600000'), seed), { deliver: true });
    equal(seeded, 1);
  });
  it('without a seed, the first trades are held until confirmed (no-reference)', () => {
    const gate = new TickGate(DEFAULT_PRICE_SANITY);
    const verdicts = ['100000000', '100100000', '100000000'].map(
      (p) => gate.judge(BTC, at(p)).deliver,
    );
    deepEqual(verdicts, [false, false, true]);
    deepEqual([gate.counts.held['no-reference'], gate.counts.confirmed], [2, 1]);
  });
  it('forget drops the market: the next tick is seeded again', () => {
    const gate = new TickGate(DEFAULT_PRICE_SANITY);
    gate.judge(BTC, at('1e30'), () => [dec(100_000_000)]);
    deepEqual(
      gate.heldLevels().map((l) => l.market),
      [BTC],
    );
    gate.forget(BTC);
    deepEqual(gate.heldLevels(), []);
    deepEqual(gate.judge(BTC, at('1e30')), { deliver: false, why: 'held' });
  });
  describe('closed candles', () => {
    const candle = (close: string, over: Partial<Record<string, unknown>> = {}) => ({
      market: BTC as string,
      interval: '1m',
      open: dec('100000000'),
      high: dec('100100000'),
      low: dec('99900000'),
      close: dec(close),
      ...over,
    });
    const warm = () => {
      const gate = new TickGate(DEFAULT_PRICE_SANITY);
      gate.judge(BTC, at('100000000'), () => [dec(100_000_000)]);
      return gate;
    };
    it('passes a candle of its subject, on the grid, closing within the band', () => {
      const gate = warm();
      equal(gate.judgeCandle(BTC, '1m', candle('100050000')), null);
      deepEqual([gate.candleCounts.received, gate.candleCounts.delivered], [1, 1]);
    });
    it('refuses another market or interval than the subject, an off-grid price, a close far out', () => {
      const gate = warm();
      equal(
        gate.judgeCandle(BTC, '1m', candle('100000000', { market: 'KRW-ETH' })),
        'market-mismatch',
      );
      equal(gate.judgeCandle(BTC, '5m', candle('100000000')), 'interval-mismatch');
      equal(
        gate.judgeCandle(BTC, '1m', candle('100000000', { low: dec('1e-30') })),
        'off-tick-grid',
      );
      equal(
        gate.judgeCandle(BTC, '1m', candle('0.00000001', { low: dec('0.00000001') })),
        'outlier',
      );
      deepEqual(gate.candleCounts.rejected, {
        'market-mismatch': 1,
        'interval-mismatch': 1,
        'off-tick-grid': 1,
        outlier: 1,
      });
    });
    it('a market with no accepted trade yet takes a well-formed candle (nothing to compare with)', () =>
      equal(
        new TickGate(DEFAULT_PRICE_SANITY).judgeCandle(
          BTC,
          '1m',
          candle('50000000', { low: dec('50000000') }),
        ),
        null,
      ));
  });
});
