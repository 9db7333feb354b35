import { deepEqual } from 'node:assert/strict';
import type { Market } from '@hoga/model';
import { MarketQuiet } from './market-quiet.js';
import { RiskConditions } from './risk-conditions.js';

const BTC = 'KRW-BTC' as Market;
const ETH = 'KRW-ETH' as Market;

describe('quiet markets with holdings', () => {
  it('a held market without a tick for the quiet time is quiet; a tick ends it', () => {
    const q = new MarketQuiet(15_000, 0);
    q.saw(BTC, 1_000);
    q.saw(ETH, 10_000);
    deepEqual(q.quiet([BTC, ETH], 15_999), []);
    deepEqual(q.quiet([BTC, ETH], 16_000), [
      { market: BTC, lastTickMs: 1_000, quietForMs: 15_000 },
    ]);
    q.saw(BTC, 16_500);
    deepEqual(q.quiet([BTC, ETH], 17_000), []);
  });

  it('only held markets count, and a market never heard counts from the start', () => {
    const q = new MarketQuiet(10_000, 5_000);
    deepEqual(q.quiet([], 100_000), []);
    deepEqual(q.quiet([ETH], 15_000), [{ market: ETH, lastTickMs: 5_000, quietForMs: 10_000 }]);
  });

  it('reports each quiet episode once (one alert), again after a tick and a new silence', () => {
    const q = new MarketQuiet(10, 0);
    const first = q.quiet([BTC], 20);
    deepEqual(
      q.newlyQuiet(first).map((s) => s.market),
      [BTC],
    );
    deepEqual(q.newlyQuiet(q.quiet([BTC], 30)), []);
    q.saw(BTC, 31);
    deepEqual(
      q.newlyQuiet(q.quiet([BTC], 50)).map((s) => s.lastTickMs),
      [31],
    );
  });
});

describe('risk conditions', () => {
  const lost = {
    status: 'lost' as const,
    problem: 'credentials' as const,
    errorName: 'invalid_access_key',
    where: 'GET /v1/accounts',
    reason: 'Upbit refuses the API key',
    since: '2026-12-06T10:00:00.000Z',
    nextCheckAt: '2026-12-06T10:00:01.000Z',
    checks: 0,
    heldExits: [{ orderId: 'o1', market: ETH }],
  };

  it('shows lost access with its reason and the markets of held exits; clears when ok', () => {
    const c = new RiskConditions();
    deepEqual(c.list(), []);
    deepEqual(c.setAccess(lost), true);
    deepEqual(c.list(), [
      { kind: 'exchange-access', reason: lost.reason, since: lost.since, markets: [ETH] },
    ]);
    deepEqual(c.setAccess({ ...lost, checks: 3 }), false, 'a new check is no new condition');
    c.setAccess({ ...lost, status: 'ok', problem: null, since: null, heldExits: [] });
    deepEqual(c.list(), []);
  });

  it('shows quiet markets from the earliest last tick', () => {
    const c = new RiskConditions();
    deepEqual(
      c.setQuiet([
        { market: BTC, lastTickAt: '2026-12-06T10:00:05.000Z' },
        { market: ETH, lastTickAt: '2026-12-06T10:00:01.000Z' },
      ]),
      true,
    );
    const [quiet] = c.list();
    deepEqual(quiet?.markets, [BTC, ETH]);
    deepEqual(quiet?.since, '2026-12-06T10:00:01.000Z');
  });
});
