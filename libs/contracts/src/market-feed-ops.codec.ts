/** Operator endpoints of market-feed: candle history for warm-up, and market watch leases. */
import * as t from 'io-ts';
import { Market } from '@hoga/model';
import { NonNegativeIntC, nullable, refine, text } from './codec-helpers.js';
import { envelope, IsoDateTime } from './envelope.js';
import { Candle, CandleInterval } from './market-data.codec.js';
import { opsReply } from './ops-reply.codec.js';

/** Intervals Upbit's candle API serves (minute units and days); `1s` is not offered. */
export const HistoryInterval = t.keyof(
  {
    '1m': null,
    '3m': null,
    '5m': null,
    '10m': null,
    '15m': null,
    '30m': null,
    '60m': null,
    '240m': null,
    '1d': null,
  },
  'HistoryInterval',
);
export type HistoryInterval = t.TypeOf<typeof HistoryInterval>;

/** The data of a {@link Candle} (OHLCV, on the UTC grid, `closed` flag). */
export const CandleDataC = Candle.type.props.data;
export type CandleData = t.TypeOf<typeof CandleDataC>;

/** At most this many candles per history request. */
export const MAX_HISTORY_COUNT = 1000;

/**
 * Asks for the last `count` CLOSED candles of a market before `to` (exclusive; null = now), for
 * indicator warm-up and peak-price backfill. Answered from Upbit's candle API.
 */
export const GetCandleHistory = envelope(
  'GetCandleHistory',
  t.strict({
    market: Market,
    interval: HistoryInterval,
    count: refine(NonNegativeIntC, (n) => n >= 1 && n <= MAX_HISTORY_COUNT, 'Count(1..1000)'),
    to: nullable(IsoDateTime),
  }),
);
export type GetCandleHistory = t.TypeOf<typeof GetCandleHistory>;

/** Closed candles, oldest first (fewer than asked when Upbit has no older ones; gaps possible). */
export const CandleHistoryReply = opsReply('CandleHistoryReply', {
  market: Market,
  interval: CandleInterval,
  candles: t.array(CandleDataC),
});
export type CandleHistoryReply = t.TypeOf<typeof CandleHistoryReply>;

/** Most markets one holder may ask for. */
export const MAX_WATCH_MARKETS = 200;

/**
 * A lease on markets: the feed streams the union of its configured markets and every live
 * lease. Sending again replaces the holder's list and renews the lease; an empty list releases
 * it; a lease not renewed within `ttlMs` lapses (a crashed holder leaks nothing). Idempotent, so
 * it carries no command id.
 */
export const WatchMarkets = envelope(
  'WatchMarkets',
  t.strict({
    /** Who holds the lease: `position-actor/p3`. */
    holder: refine(text(128, 1), (s) => /^\S+$/.test(s), 'Holder'),
    markets: refine(t.array(Market), (ms) => ms.length <= MAX_WATCH_MARKETS, 'Markets(<=200)'),
    ttlMs: refine(NonNegativeIntC, (n) => n >= 1000 && n <= 86_400_000, 'TtlMs(1s..1d)'),
  }),
);
export type WatchMarkets = t.TypeOf<typeof WatchMarkets>;

/** Every market the feed now streams, and when this holder's lease lapses (null: released). */
export const WatchMarketsReply = opsReply('WatchMarketsReply', {
  markets: t.array(Market),
  expiresAt: nullable(IsoDateTime),
});
export type WatchMarketsReply = t.TypeOf<typeof WatchMarketsReply>;
