import { configSources, Opened, type StartOptions } from '@hoga/config';
import { pingBus, type Bus } from '@hoga/bus';
import type { Clock } from '@hoga/model';
import { openBaseConnections } from '@hoga/service-kit';
import type { Logger, ServiceMetrics } from '@hoga/telemetry';
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
export interface FeedConnections {
  /** The all-in-one passes its in-process bus; default: NATS at `nats.url` (closed on stop). */
  readonly bus?: Bus;
  readonly logger?: Logger;
  /** The all-in-one's metrics; default: a listener of its own per `metrics` config. */
  readonly metrics?: ServiceMetrics;
  /** Wall clock for candle closing, forming throttling, leases and replay pacing. */
  readonly clock?: Clock;
  /** Upbit WebSocket tuning (tests: a fast reconnect backoff). */
  readonly socket?: SocketOptions;
}

/**
 * Starts the market feed from its config (`HOGA_CONFIG` + `HOGA_MARKET_FEED__*`, ... of `env`,
 * `config` on top): config -> connections -> handlers -> source and timer.
 */
export async function start(options: StartOptions<FeedConnections> = {}): Promise<MarketFeed> {
  const sources = configSources(options);
  const config = loadMarketFeedConfig(sources);
  const given = options.connections ?? {};
  const { marketFeed: settings, nats } = config;
  const clock = given.clock ?? systemClock;
  const opened = new Opened();
  return opened.orClose(async () => {
    // A logger of its own also publishes its lines on the bus (ADR 0042); an injected one may too.
    const { logger, bus, metrics, ownMetrics } = await openBaseConnections(
      {
        service: 'market-feed',
        nats,
        metrics: config.metrics,
        env: sources.env,
        logLevel: settings.logLevel,
      },
      given,
      opened,
    );
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
    let stopping: Promise<void> | undefined;
    const stop = async (): Promise<void> => {
      timer.stop();
      unready();
      await ops.stop();
      await source.close();
      await sourceEnded.catch(() => undefined);
      await publisher.drain();
      logger.info('market-feed: stopped', { ...data.counters });
      recorded.stop();
      await opened.close();
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
      stop: () => (stopping ??= stop()),
    };
  });
}
