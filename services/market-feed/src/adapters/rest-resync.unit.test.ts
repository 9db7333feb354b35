import { deepEqual } from 'node:assert/strict';
import { price, volume } from '@hoga/model';
import type { UpbitTradeTick } from '@hoga/upbit';
import { tradesAsFrames } from './rest-resync.js';

const tick = (sequential_id: number, p: string): UpbitTradeTick => ({
  market: 'KRW-BTC',
  trade_date_utc: '2026-12-06',
  trade_time_utc: '10:00:00',
  timestamp: 1_000 + sequential_id,
  trade_price: price(p),
  trade_volume: volume('0.01'),
  prev_closing_price: null,
  ask_bid: 'BID',
  sequential_id,
});

describe('REST resync of a market after a reconnect', () => {
  it('turns the newest-first REST trades into trade frames, oldest first', () => {
    const frames = tradesAsFrames([tick(3, '101'), tick(2, '100'), tick(1, '99')]);
    deepEqual(
      frames.map((f) => [f.sequential_id, f.trade_price.toString(), f.trade_timestamp]),
      [
        [1, '99', 1_001],
        [2, '100', 1_002],
        [3, '101', 1_003],
      ],
    );
    deepEqual(frames[0]?.type, 'trade');
    deepEqual(frames[0]?.code, 'KRW-BTC');
  });
});
