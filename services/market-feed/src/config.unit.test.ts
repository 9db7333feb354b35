import { deepEqual, equal, throws } from 'node:assert/strict';
import { isConfigError } from '@hoga/config';
import { loadMarketFeedConfig } from './config.js';

describe('market-feed config', () => {
  it('defaults to real Upbit, SIMPLE frames, 1m/5m/15m/60m candles and local NATS', () => {
    const { marketFeed, nats } = loadMarketFeedConfig({ env: {} });
    equal(marketFeed.source, 'upbit');
    equal(marketFeed.upbit.wsUrl, 'wss://api.upbit.com/websocket/v1');
    deepEqual(marketFeed.candles.intervals, ['1m', '5m', '15m', '60m']);
    deepEqual(marketFeed.markets, []);
    equal(nats.url, 'nats://127.0.0.1:4222');
  });

  it('reads HOGA_* strings: comma-separated lists and numbers', () => {
    const { marketFeed, nats } = loadMarketFeedConfig({
      env: {
        HOGA_MARKET_FEED__SOURCE: 'replay',
        HOGA_MARKET_FEED__MARKETS: 'KRW-BTC, KRW-ETH',
        HOGA_MARKET_FEED__REPLAY__FILE: '/tmp/frames.ndjson',
        HOGA_MARKET_FEED__REPLAY__SPEED: '0',
        HOGA_MARKET_FEED__CANDLES__INTERVALS: '1m,240m',
        HOGA_MARKET_FEED__CANDLES__CLOSE_GRACE_MS: '1500',
        HOGA_NATS__URL: 'nats://10.0.0.1:4222',
      },
    });
    deepEqual(marketFeed.markets, ['KRW-BTC', 'KRW-ETH']);
    deepEqual([marketFeed.replay.file, marketFeed.replay.speed], ['/tmp/frames.ndjson', 0]);
    deepEqual(marketFeed.candles.intervals, ['1m', '240m']);
    equal(marketFeed.candles.closeGraceMs, 1500);
    equal(nats.url, 'nats://10.0.0.1:4222');
  });

  it('refuses a replay without a file, a bad market, a bad URL, a negative speed', () => {
    const bad = (env: Record<string, string>, field: RegExp) =>
      throws(
        () => loadMarketFeedConfig({ env }),
        (e) => isConfigError(e) && field.test(e.message),
      );
    bad({ HOGA_MARKET_FEED__SOURCE: 'replay' }, /replay needs replay\.file/);
    bad({ HOGA_MARKET_FEED__MARKETS: 'BTC' }, /marketFeed\.markets/);
    bad({ HOGA_MARKET_FEED__UPBIT__WS_URL: 'http://x' }, /marketFeed\.upbit\.wsUrl/);
    bad({ HOGA_MARKET_FEED__REPLAY__SPEED: '-1' }, /marketFeed\.replay\.speed/);
    bad({ HOGA_MARKET_FEED__CANDLES__INTERVALS: '' }, /marketFeed\.candles\.intervals/);
  });
});
