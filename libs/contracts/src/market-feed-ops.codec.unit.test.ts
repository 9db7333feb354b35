import { equal } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decodeWith } from '@hoga/model';
import { CandleHistoryReply, GetCandleHistory, WatchMarkets } from './market-feed-ops.codec.js';
import { subjects } from './subjects.js';

const envelope = (type: string, data: object) => ({
  id: 'req-1',
  type,
  occurredAt: '2026-01-05T00:00:00.000Z',
  causationId: null,
  correlationId: 'req-1',
  data,
});
const decodes = <A, O>(codec: t.Type<A, O, unknown>, input: unknown): boolean =>
  E.isRight(decodeWith(codec, input));

describe('market-feed ops codecs', () => {
  it('spell the ops subjects the registry will give them', () => {
    equal(subjects.ops('market-feed', 'history').subject, 'hoga.ops.market-feed.history');
    equal(subjects.ops('market-feed', 'watch').subject, 'hoga.ops.market-feed.watch');
  });

  it('take a history request of 1 to 1000 candles of an interval Upbit serves', () => {
    const req = (count: number, interval = '1m') =>
      envelope('GetCandleHistory', { market: 'KRW-BTC', interval, count, to: null });
    equal(decodes(GetCandleHistory, req(1000)), true);
    equal(decodes(GetCandleHistory, req(1001)), false);
    equal(decodes(GetCandleHistory, req(0)), false);
    equal(decodes(GetCandleHistory, req(10, '1s')), false);
  });

  it('refuse a candle off its grid in a history reply', () => {
    const candle = (openTime: string) => ({
      market: 'KRW-BTC',
      interval: '5m',
      openTime,
      open: '1',
      high: '2',
      low: '1',
      close: '2',
      volume: '1',
      turnoverKrw: '1.5',
      closed: true,
    });
    const reply = (openTime: string) => ({
      ok: true,
      market: 'KRW-BTC',
      interval: '5m',
      candles: [candle(openTime)],
    });
    equal(decodes(CandleHistoryReply, reply('2026-01-05T00:05:00.000Z')), true);
    equal(decodes(CandleHistoryReply, reply('2026-01-05T00:06:00.000Z')), false);
  });

  it('take a watch lease of 1 s to 1 day by a named holder', () => {
    const watch = (ttlMs: number, holder = 'position-actor/p1') =>
      envelope('WatchMarkets', { holder, markets: ['KRW-BTC'], ttlMs });
    equal(decodes(WatchMarkets, watch(30_000)), true);
    equal(decodes(WatchMarkets, watch(999)), false);
    equal(decodes(WatchMarkets, watch(30_000, 'two words')), false);
  });
});
