import { loadMarketFeedConfig, type MarketFeedConfig } from '../config.js';

/** A config for tests: defaults, no environment, then `marketFeed` and `nats` overrides. */
export const testConfig = (
  marketFeed: Record<string, unknown>,
  nats: Record<string, unknown> = {},
): MarketFeedConfig => loadMarketFeedConfig({ env: {}, overrides: { marketFeed, nats } });
