import { deepEqual, equal, throws } from 'node:assert/strict';
import { ReplayCursor, ReplayFileError, parseReplay } from './replay-feed.js';

const NDJSON = [
  '{"type":"trade","code":"KRW-BTC","trade_price":140000000,"trade_volume":0.01,"ask_bid":"BID","trade_timestamp":1700000000000,"stream_type":"REALTIME"}',
  '{"ty":"ticker","cd":"KRW-ETH","tp":5000000,"tv":0.5,"ab":"ASK","tms":1700000000100}',
  '{"type":"orderbook","code":"KRW-BTC","orderbook_units":[]}',
  '',
  '{"status":"UP"}',
  '{"type":"trade","code":"KRW-BTC","trade_price":"140001000","trade_volume":"0.02","ask_bid":"ASK"}',
].join('\n');

describe('replay feed', () => {
  it('reads DEFAULT and SIMPLE trade/ticker frames and skips the rest', () => {
    const frames = parseReplay(NDJSON);
    deepEqual(
      frames.map((f) => [f.market, f.price.toString(), f.volume.toString(), f.askBid, f.timestamp]),
      [
        ['KRW-BTC', '140000000', '0.01', 'BID', 1700000000000],
        ['KRW-ETH', '5000000', '0.5', 'ASK', 1700000000100],
        ['KRW-BTC', '140001000', '0.02', 'ASK', undefined],
      ],
    );
  });

  it('names the line that is not JSON', () => {
    throws(
      () => parseReplay('{"type":"trade"}\nnot json'),
      (e: unknown) => e instanceof ReplayFileError && /line 2/.test(e.message),
    );
  });

  it('hands out frames in order, then stops or loops', () => {
    const frames = parseReplay(NDJSON);
    const once = new ReplayCursor(frames, false);
    deepEqual(once.markets(), ['KRW-BTC', 'KRW-ETH']);
    equal(once.first('KRW-ETH')?.price.toString(), '5000000');
    equal([once.next(), once.next(), once.next(), once.next()].filter(Boolean).length, 3);
    const looping = new ReplayCursor(frames, true);
    const seen = Array.from({ length: 4 }, () => looping.next()?.price.toString());
    deepEqual(seen, ['140000000', '5000000', '140001000', '140000000']);
  });
});
