import { deepStrictEqual, ok } from 'node:assert/strict';
import { FeedStatusReply, PositionActorStatusReply } from '@hoga/contracts';
import { decodeOrThrow } from '@hoga/model';
import type { OkReply } from '../ops-client.js';
import { renderTickGates } from './tick-gates.js';

const actor = decodeOrThrow(PositionActorStatusReply, {
  ok: true,
  instanceId: 'pa-1',
  config: { feeRate: '0.0005', partitions: 16, snapshotEvery: 50, stateThrottleMs: 1000 },
  ticks: {
    settings: { bandPct: '10', window: 5, confirmTrades: 2 },
    received: 9,
    delivered: 5,
    rejected: { 'market-mismatch': 1, 'off-tick-grid': 1 },
    held: { outlier: 2, 'no-reference': 0 },
    confirmed: 0,
    dropped: 1,
    holding: [{ market: 'KRW-BTC', trades: 1, firstPrice: '1000000000000000000000000000000' }],
    candles: {
      received: 3,
      delivered: 2,
      rejected: { 'market-mismatch': 0, 'interval-mismatch': 0, 'off-tick-grid': 0, outlier: 1 },
    },
  },
}) as OkReply<'position-actor', 'status'>;
const feed = decodeOrThrow(FeedStatusReply, {
  ok: true,
  markets: ['KRW-BTC', 'KRW-ETH'],
  feed: {
    ticks: 120,
    duplicates: 2,
    outOfOrder: 0,
    ignored: 0,
    rejected: {
      'not-a-krw-market': 0,
      'sequence-id-unsafe': 0,
      'market-mismatch': 0,
      'off-tick-grid': 3,
    },
    candlesClosed: 1,
    candlesForming: 4,
    issues: 0,
  },
  lastTicks: [{ market: 'KRW-BTC', lastTickAt: null, lastTickAgeMs: null }],
  source: { kind: 'upbit', connected: true, connections: 1, stalls: 0, resyncs: 0 },
}) as OkReply<'market-feed', 'status'>;

describe('hoga ticks status: rendering', () => {
  it('shows every refusal by reason and the markets held now', () => {
    const lines = renderTickGates(feed, actor).map((l) => l.replace(/\s+/g, ' '));
    for (const expected of [
      'MARKET-FEED KRW-BTC,KRW-ETH',
      'refused: off-tick-grid 3',
      'POSITION-ACTOR pa-1',
      'price sanity ±10% of the median of 5, 2 confirming trades',
      'received / delivered 9 / 5',
      'rejected: market-mismatch 1',
      'held: outlier 2',
      'confirmed / dropped 0 / 1',
      'holding KRW-BTC 1 trade(s) from 1,000,000,000,000,000,000,000,000,000,000 KRW',
      'candles received / delivered 3 / 2',
      'candles refused: outlier 1',
    ])
      ok(lines.includes(expected), `missing "${expected}" in:\n${lines.join('\n')}`);
  });
  it('a part that did not answer is one line saying why', () =>
    deepStrictEqual(renderTickGates({ error: 'no responders' }, actor).slice(0, 2), [
      'market-feed: no responders',
      '',
    ]));
});
