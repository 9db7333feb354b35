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
});
