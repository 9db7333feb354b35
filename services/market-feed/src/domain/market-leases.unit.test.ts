import { deepEqual, equal } from 'node:assert/strict';
import type { Market } from '@hoga/model';
import { MarketLeases } from './market-leases.js';

const m = (...codes: string[]) => codes as Market[];
const sorted = (s: ReadonlySet<Market>) => [...s].sort();

describe('MarketLeases', () => {
  it('watches the base set united with every live lease, and reports what moved', () => {
    const l = new MarketLeases();
    deepEqual(l.setBase(m('KRW-BTC')), { added: m('KRW-BTC'), removed: [] });
    deepEqual(l.lease('actor/p1', m('KRW-BTC', 'KRW-ETH'), 10_000), {
      added: m('KRW-ETH'),
      removed: [],
    });
    l.lease('actor/p2', m('KRW-XRP'), 10_000);
    deepEqual(sorted(l.watched), m('KRW-BTC', 'KRW-ETH', 'KRW-XRP'));
    equal(l.has('KRW-XRP'), true);
    equal(l.has('KRW-SOL'), false);
  });

  it("replaces a holder's list on renewal and releases it on an empty list", () => {
    const l = new MarketLeases();
    l.lease('actor/p1', m('KRW-BTC', 'KRW-ETH'), 10_000);
    deepEqual(l.lease('actor/p1', m('KRW-ETH'), 20_000), { added: [], removed: m('KRW-BTC') });
    deepEqual(l.lease('actor/p1', [], 0), { added: [], removed: m('KRW-ETH') });
    deepEqual(sorted(l.watched), []);
  });

  it('lets leases lapse at their expiry, keeping what another holder or the base still wants', () => {
    const l = new MarketLeases();
    l.setBase(m('KRW-BTC'));
    l.lease('actor/p1', m('KRW-BTC', 'KRW-ETH'), 10_000);
    l.lease('actor/p2', m('KRW-XRP'), 20_000);
    deepEqual(l.sweep(9_999), { added: [], removed: [] });
    deepEqual(l.sweep(10_000), { added: [], removed: m('KRW-ETH') });
    deepEqual(l.sweep(20_000), { added: [], removed: m('KRW-XRP') });
    deepEqual(sorted(l.watched), m('KRW-BTC'));
  });
});
