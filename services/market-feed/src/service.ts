import type { StartOptions } from '@hoga/config';
import { pingBus } from '@hoga/bus';
import type { Clock } from '@hoga/model';
import { startWithBase, type BaseConnections, type ConfigSources } from '@hoga/service-kit';
import { systemClock, UpbitClient, type SocketOptions } from '@hoga/upbit';
import { UpbitCandleHistory } from './adapters/candle-history.client.js';
import { FeedPublisher } from './adapters/feed-publisher.js';
import { feedMetrics } from './adapters/feed-metrics.js';
import { createSource } from './adapters/source.factory.js';
import { loadMarketFeedConfig } from './config.js';
import { CandleBook } from './domain/candle-book.js';
import { TickAges } from './domain/tick-ages.js';
import { MarketLeases } from './domain/market-leases.js';
import { startFeedTimer } from './handlers/feed-timer.js';
import { MarketDataHandler } from './handlers/market-data.handler.js';
import { MarketWatch } from './handlers/market-watch.js';
import { serveFeedOps } from './handlers/ops.js';
import type { MarketFeed } from './market-feed.types.js';

/**
 * What the caller may hand the market feed (the all-in-one, tests); it opens the rest from its
 * config and closes only that (ADR 0062).
 */
export interface FeedConnections extends BaseConnections {
  /** Wall clock for candle closing, forming throttling, leases and replay pacing. */
  readonly clock?: Clock;
  /** Upbit WebSocket tuning (tests: a fast reconnect backoff). */
  readonly socket?: SocketOptions;
}

/** The feed's config, its log level where the shared start looks for it. */
const loadFeedConfig = (sources: ConfigSources) => {
  const config = loadMarketFeedConfig(sources);
  return { ...config, logLevel: config.marketFeed.logLevel };
};

/**
 * Starts the market feed from its config (`HOGA_CONFIG` + `HOGA_MARKET_FEED__*`, ... of `env`,
 * `config` on top): config -> connections (`startWithBase` of `@hoga/service-kit`) -> handlers
 * -> source and timer.
 */
export async function start(options: StartOptions<FeedConnections> = {}): Promise<MarketFeed> {
  return startWithBase(
    'market-feed',
    options,
    loadFeedConfig,
    async ({ config, given, logger, bus, metrics, ownMetrics }) => {
      const { marketFeed: settings } = config;
      const clock = given.clock ?? systemClock;
      const source = createSource(settings, clock, logger, given.socket);
      const ages = new TickAges();
      const publisher = new FeedPublisher(bus, logger, (market) => {
        ages.record(market, clock.now());
        recorded.tick(market);
      });
      const leases = new MarketLeases();
      const candles = new CandleBook(settings.candles);
      const data = new MarketDataHandler({ watched: leases, candles, publisher, logger });
      const watch = new MarketWatch(leases, source, data, logger);
      const history = new UpbitCandleHistory(
        new UpbitClient({ baseUrl: settings.upbit.restUrl }).quotation,
      );
      const health = () =>
        source.health?.() ?? {
          kind: 'replay' as const,
          connected: true,
          connections: 0,
          stalls: 0,
          resyncs: 0,
        };
      const ops = await serveFeedOps(bus, {
        ...{ history, watch, clock, logger },
        status: { counters: data.counters, ages, health },
      });
      const recorded = feedMetrics(metrics.meter, {
        ...{ ages, health, now: () => clock.now() },
        markets: () => watch.markets(),
      });
      const unready = metrics.health.register(
        'market-feed',
        async () => health().connected && (await pingBus(bus)),
      );
      watch.setBase(settings.markets);
      source.start(data);
      const timer = startFeedTimer(settings.timerMs, clock, (now) => {
        watch.sweep(now);
        if (!source.drivesTime) data.onTime(now);
      });
      const sourceEnded = source.ended.then(() => (data.flush(), publisher.drain()));
      sourceEnded.catch((error: unknown) => logger.error('market-feed: source failed', { error }));
      logger.info('market-feed: started', {
        ...{ source: settings.source, markets: watch.markets() },
        ...(ownMetrics ? { metrics: ownMetrics.metricsUrl } : {}),
      });
      const drain = async (): Promise<void> => {
        timer.stop();
        unready();
        await ops.stop();
        await source.close();
        await sourceEnded.catch(() => undefined);
        await publisher.drain();
        logger.info('market-feed: stopped', { ...data.counters });
        recorded.stop();
      };
      return {
        markets: () => watch.markets(),
        setMarkets: (markets) => watch.setBase(markets),
        counters: () => ({
          ...data.counters,
          lateTrades: candles.lateTrades,
          publishFailures: publisher.failures,
        }),
        sourceEnded,
        metricsUrl: ownMetrics?.metricsUrl,
        stop: drain,
      };
    },
  );
}
