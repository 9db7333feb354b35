/** Liveness parts of `hoga.ops.market-feed.status`: last-tick age per market, source health. */
import * as t from 'io-ts';
import { Market } from '@hoga/model';
import { NonNegativeIntC, nullable } from './codec-helpers.js';
import { IsoDateTime } from './envelope.js';

/** One streamed market: its last tick (feed clock) and how old it is; null before the first. */
export const MarketTickAgeC = t.strict(
  {
    market: Market,
    lastTickAt: nullable(IsoDateTime),
    lastTickAgeMs: nullable(NonNegativeIntC),
  },
  'MarketTickAge',
);
export type MarketTickAge = t.TypeOf<typeof MarketTickAgeC>;

/**
 * The feed's source: connected or not, connections made, silent connections dropped (stalls:
 * no frame and no pong past the deadline), REST resyncs after reconnects.
 */
export const FeedSourceHealthC = t.strict(
  {
    kind: t.keyof({ upbit: null, replay: null }),
    connected: t.boolean,
    connections: NonNegativeIntC,
    stalls: NonNegativeIntC,
    resyncs: NonNegativeIntC,
  },
  'FeedSourceHealth',
);
export type FeedSourceHealth = t.TypeOf<typeof FeedSourceHealthC>;

/** The liveness fields of the feed's status reply. */
export const feedLivenessProps = {
  /** Every streamed market with its last-tick age (the feed's clock). */
  lastTicks: t.array(MarketTickAgeC),
  source: FeedSourceHealthC,
};
