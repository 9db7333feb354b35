import { deadLetterLimitsFromEnv, logLimitsFromEnv, runAsMain } from '@hoga/config';
import { connectNatsBus, createBusLogSink, pingBus } from '@hoga/bus';
import { createLogger, jsonLineSink, startProcessMetrics, traced } from '@hoga/telemetry';
import { systemClock, UpbitClient } from '@hoga/upbit';
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
import type { MarketFeed, StartOptions } from './market-feed.types.js';

/** Starts the market feed: config -> connections -> handlers -> source and timer. */
export async function start(options: StartOptions = {}): Promise<MarketFeed> {
  const config = options.config ?? loadMarketFeedConfig();
  const { marketFeed: settings, nats } = config;
  const clock = options.clock ?? systemClock;
  // A logger of its own also publishes its lines on the bus (ADR 0042); an injected one may too.
  const stdout = jsonLineSink();
  const toBus =
    options.logger === undefined
      ? createBusLogSink({ service: 'market-feed', report: stdout })
      : undefined;
  const logger =
    options.logger ??
    createLogger({
      service: 'market-feed',
      level: settings.logLevel,
      sinks: toBus ? [stdout, toBus.write] : [stdout],
    });
  const bus =
    options.bus ??
    (await connectNatsBus({
      servers: nats.url,
      namespace: nats.namespace,
      name: 'market-feed',
      logger,
      deadLetters: deadLetterLimitsFromEnv(),
    }));
  await toBus?.attach(bus, logLimitsFromEnv());
  const ownMetrics = options.metrics
    ? undefined
    : await startProcessMetrics({ service: 'market-feed', settings: config.metrics });
  const metrics = options.metrics ?? ownMetrics!;
  const source = createSource(settings, clock, logger, options.socket);
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
    await toBus?.detach();
    if (options.bus === undefined) await bus.close();
    recorded.stop();
    await ownMetrics?.stop();
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
}

/** `node dist/main.js`: runs until SIGTERM or SIGINT, then drains and exits. */
runAsMain(
  import.meta.url,
  'market-feed',
  traced('market-feed', async () => {
    const feed = await start();
    return () => feed.stop();
  }),
);
