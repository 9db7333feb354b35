import { deepEqual } from 'node:assert/strict';
import type { Market } from '@hoga/model';
import { TickAges } from './tick-ages.js';

const BTC = 'KRW-BTC' as Market;
const ETH = 'KRW-ETH' as Market;

describe('last-tick age per market', () => {
  it('is the time since the last published tick, null before the first', () => {
    const ages = new TickAges();
    ages.record(BTC, 1_000);
    ages.record(BTC, 4_000);
    deepEqual(ages.ages([BTC, ETH], 19_000), [
      { market: BTC, lastTickAt: '1970-01-01T00:00:04.000Z', lastTickAgeMs: 15_000 },
      { market: ETH, lastTickAt: null, lastTickAgeMs: null },
    ]);
    ages.forget(BTC);
    deepEqual(ages.ages([BTC], 20_000), [{ market: BTC, lastTickAt: null, lastTickAgeMs: null }]);
  });
});
