import { deepEqual, ok } from 'node:assert/strict';
import fc from 'fast-check';
import { dec, isOnTickGrid, roundToTick } from '@hoga/model';
import { createRandom } from '../util/prng.js';
import { PriceSimulator, type WalkParams } from './price-simulator.js';

const WALK: WalkParams = {
  volatility: 0.002,
  jumpProbability: 0.05,
  jumpSize: 0.03,
  drift: 0,
  tradeKrw: dec('1000000'),
};
const run = (seed: string | number, start: string, n: number, walk = WALK): string[] => {
  const sim = new PriceSimulator(dec(start), walk, createRandom(seed, 'walk'));
  return Array.from({ length: n }, () => sim.next()).map(
    (t) => `${t.price.toString()}/${t.volume.toString()}/${t.askBid}`,
  );
};

describe('price simulator', () => {
  it('is deterministic by seed', () => {
    deepEqual(run(42, '140000000', 200), run(42, '140000000', 200));
    ok(run(42, '140000000', 50).join() !== run(43, '140000000', 50).join());
  });

  it('keeps every price positive and on the KRW tick grid, volumes in 8 decimals', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 10_000_000_000 }), (seed, raw) => {
        const start = roundToTick(dec(raw).div(100));
        fc.pre(start.gt(0));
        const sim = new PriceSimulator(start, WALK, createRandom(seed));
        for (let i = 0; i < 50; i++) {
          const t = sim.next();
          ok(t.price.gt(0) && isOnTickGrid(t.price), t.price.toString());
          ok(t.volume.gt(0) && t.volume.decimalPlaces() <= 8);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('jumps: with jumps on, some single steps move more than 1%', () => {
    const sim = new PriceSimulator(
      dec('1000000'),
      { ...WALK, volatility: 0.0001, jumpProbability: 0.2 },
      createRandom('jumps'),
    );
    let prev = sim.current;
    let jumps = 0;
    for (let i = 0; i < 200; i++) {
      const p = sim.next().price;
      if (p.minus(prev).abs().div(prev).gt(0.01)) jumps++;
      prev = p;
    }
    ok(jumps > 10, `jumps ${jumps}`);
  });

  it('labels a rise BID and a fall ASK', () => {
    const sim = new PriceSimulator(dec('50000'), WALK, createRandom('sides'));
    let prev = sim.current;
    for (let i = 0; i < 100; i++) {
      const t = sim.next();
      if (t.price.gt(prev)) ok(t.askBid === 'BID');
      if (t.price.lt(prev)) ok(t.askBid === 'ASK');
      prev = t.price;
    }
  });
});
