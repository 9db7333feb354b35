/**
 * `@hoga/market-feed`: Upbit's public WebSocket (or a recorded file) -> normalized ticks on
 * `hoga.md.tick.<market>` and 1m/5m/15m/60m candles on `hoga.md.candle.<interval>.<market>`;
 * candle history and market leases by request/reply.
 */
export { start, type FeedConnections } from './service.js';
export type { FeedStats, MarketFeed } from './market-feed.types.js';
export type { FeedCounters } from './handlers/market-data.handler.js';
export {
  MarketFeedConfig,
  MarketFeedSettings,
  MARKET_FEED_DEFAULTS,
  loadMarketFeedConfig,
} from './config.js';
