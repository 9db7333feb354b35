import type { Market } from '@hoga/model';
import type { TradeMessage, UpbitTradeTick } from '@hoga/upbit';

/** How many recent trades a resync asks for per market (Upbit allows up to 500). */
export const RESYNC_TRADES = 100;

/** Recent trades of a market from REST, newest first as Upbit answers. */
export type RecentTrades = (market: Market, count: number) => Promise<readonly UpbitTradeTick[]>;

/**
 * REST trades as `trade` frames, oldest first, so the handler takes them through the same path
 * as the socket's frames (its sequence guard drops what it already has).
 */
export function tradesAsFrames(ticks: readonly UpbitTradeTick[]): TradeMessage[] {
  return [...ticks]
    .sort((a, b) => a.sequential_id - b.sequential_id)
    .map((t) => ({
      type: 'trade',
      code: t.market,
      trade_price: t.trade_price,
      trade_volume: t.trade_volume,
      ask_bid: t.ask_bid,
      trade_timestamp: t.timestamp,
      timestamp: t.timestamp,
      sequential_id: t.sequential_id,
      best_ask_price: null,
      best_bid_price: null,
      stream_type: 'SNAPSHOT',
    }));
}
