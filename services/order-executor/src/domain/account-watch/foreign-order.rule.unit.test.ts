import { deepEqual, equal } from 'node:assert/strict';
import { dec, krw, volume } from '@hoga/model';
import { foreignOrderChange, foreignOrderFinding, type SeenOrder } from './foreign-order.rule.js';

const order = (over: Partial<SeenOrder> = {}): SeenOrder => ({
  uuid: 'u-1',
  identifier: null,
  market: 'KRW-BTC',
  side: 'bid',
  ordType: 'limit',
  price: dec('95000000'),
  volume: volume('0.001'),
  state: 'wait',
  executedVolume: volume(0),
  executedFunds: krw(0),
  createdAt: '2026-12-06T19:00:00+09:00',
  ...over,
});
const at = new Date('2026-12-06T10:00:01.000Z');

describe('foreign order rule (pure)', () => {
  it('a finding per Upbit order uuid, with market, side, price, volume, state and when', () => {
    const f = foreignOrderFinding(order(), 'my-order', at, 'alert');
    equal(f.findingId, 'foreign-order:u-1');
    deepEqual(
      [f.kind, f.market, f.side, f.ordType, f.price?.toFixed(), f.volume?.toFixed(), f.state],
      ['foreign-order', 'KRW-BTC', 'bid', 'limit', '95000000', '0.001', 'wait'],
    );
    equal(f.placedAt, '2026-12-06T19:00:00+09:00');
    equal(f.detectedAt, '2026-12-06T10:00:01.000Z');
    equal(f.source, 'my-order');
    equal(f.drift, null);
  });

  it('an unreadable creation time is kept as unknown, never guessed', () => {
    equal(
      foreignOrderFinding(order({ createdAt: 'yesterday' }), 'open-orders', at, 'alert').placedAt,
      null,
    );
  });

  it('a change of state or executed volume is an update; the same figures are not', () => {
    const f = foreignOrderFinding(order(), 'open-orders', at, 'alert');
    equal(foreignOrderChange(f, order()), null);
    deepEqual(
      foreignOrderChange(
        f,
        order({ state: 'done', executedVolume: volume('0.001'), executedFunds: krw(95000) }),
      ),
      {
        state: 'done',
        executedVolume: volume('0.001'),
        executedFunds: krw(95000),
      },
    );
    equal(foreignOrderChange(f, order({ executedVolume: volume('0.0005') }))?.state, 'wait');
  });
});
