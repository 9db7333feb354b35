import * as t from 'io-ts';
import {
  listFromEnv,
  loadConfig,
  type LoadConfigOptions,
  NatsSettings,
  numberFromEnv,
} from '@hoga/config';
import { CandleInterval, refine } from '@hoga/contracts';
import { Market } from '@hoga/model';
import { METRICS_DEFAULTS, MetricsSettings } from '@hoga/telemetry';

const Millis = numberFromEnv('Milliseconds', (n) => Number.isSafeInteger(n) && n >= 0);
const url = (name: string, schemes: RegExp) =>
  refine(t.string, (s) => schemes.test(s) && URL.canParse(s), name);

/** The settings of the market feed (`marketFeed` in the config file, `HOGA_MARKET_FEED__*`). */
export const MarketFeedSettings = t.strict({
  /** `upbit`: the public WebSocket (real or emulator by URL); `replay`: a recorded file. */
  source: t.keyof({ upbit: null, replay: null }, 'Source'),
  /** Markets watched from the start; more come from `watch` leases and `setMarkets`. */
  markets: listFromEnv(Market, 'Markets'),
  upbit: t.strict({
    wsUrl: url('WebSocketUrl', /^wss?:\/\//),
    restUrl: url('HttpUrl', /^https?:\/\//),
    format: t.keyof({ DEFAULT: null, SIMPLE: null }, 'WsFormat'),
    /** No frame or pong for this long drops the connection (0: never). */
    stallTimeoutMs: Millis,
  }),
  replay: t.strict({
    /** NDJSON of Upbit WebSocket frames; required when `source` is `replay`. */
    file: t.union([t.string, t.null]),
    /** Recorded speed × factor; 0 = as fast as possible. */
    speed: numberFromEnv('SpeedFactor', (n) => n >= 0),
  }),
  candles: t.strict({
    intervals: refine(
      listFromEnv(CandleInterval, 'Intervals'),
      (l) => l.length > 0,
      'Intervals(1+)',
    ),
    /** A forming candle is published at most this often per market and interval. */
    formingThrottleMs: Millis,
    /** A candle with no later trade closes this long after its end. */
    closeGraceMs: Millis,
  }),
  /** How often candles are checked for closing and leases for lapsing. */
  timerMs: numberFromEnv('TimerMs', (n) => Number.isSafeInteger(n) && n >= 10),
  logLevel: t.keyof({ debug: null, info: null, warn: null, error: null }, 'LogLevel'),
});
export type MarketFeedSettings = t.TypeOf<typeof MarketFeedSettings>;

/** Everything the market feed reads: its own section and the NATS connection. */
export const MarketFeedConfig = refine(
  t.strict({
    marketFeed: MarketFeedSettings,
    nats: NatsSettings,
    /** The `/metrics` and `/health/*` listener when run alone (`HOGA_METRICS__*`). */
    metrics: MetricsSettings,
  }),
  (c) => c.marketFeed.source !== 'replay' || (c.marketFeed.replay.file ?? '') !== '',
  'MarketFeedConfig(replay needs replay.file)',
);
export type MarketFeedConfig = t.TypeOf<typeof MarketFeedConfig>;

/** The defaults: real Upbit, SIMPLE frames, 1m/5m/15m/60m candles, local NATS. */
export const MARKET_FEED_DEFAULTS = {
  marketFeed: {
    source: 'upbit',
    markets: [],
    upbit: {
      wsUrl: 'wss://api.upbit.com/websocket/v1',
      restUrl: 'https://api.upbit.com',
      format: 'SIMPLE',
      stallTimeoutMs: 12_000,
    },
    replay: { file: null, speed: 1 },
    candles: { intervals: ['1m', '5m', '15m', '60m'], formingThrottleMs: 1000, closeGraceMs: 2000 },
    timerMs: 250,
    logLevel: 'info',
  },
  nats: { url: 'nats://127.0.0.1:4222', namespace: '' },
  metrics: METRICS_DEFAULTS,
};

/**
 * Reads the config: defaults <- file <- `HOGA_*` environment (`HOGA_MARKET_FEED__SOURCE=replay`,
 * `HOGA_MARKET_FEED__MARKETS=KRW-BTC,KRW-ETH`, `HOGA_NATS__URL=...`) <- overrides.
 * Throws a `ConfigError` naming the bad field.
 */
export const loadMarketFeedConfig = (options: Omit<LoadConfigOptions, 'defaults'> = {}) =>
  loadConfig(MarketFeedConfig, { ...options, defaults: MARKET_FEED_DEFAULTS });
