import { createBusLogSink, pingBus } from '@hoga/bus';
import {
  configSources,
  logLimitsFromEnv,
  Opened,
  type RunningService,
  type StartOptions,
} from '@hoga/config';
import { dateOf, type Clock } from '@hoga/model';
import {
  createLogger,
  jsonLineSink,
  startProcessMetrics,
  type Logger,
  type ServiceMetrics,
} from '@hoga/telemetry';
import { openConnections, type InjectedConnections } from './adapters/connections.js';
import { executorMetrics } from './adapters/executor-metrics.js';
import { loadExecutorConfig } from './config.js';
import { Executor } from './executor.js';

/** What the caller may hand the order-executor; it opens the rest itself (ADR 0062). */
export interface ExecutorConnections extends InjectedConnections {
  readonly logger?: Logger;
  /** The all-in-one's metrics; default: a listener of its own per `metrics` config (ADR 0056). */
  readonly metrics?: ServiceMetrics;
  /** The clock (default the system clock). */
  readonly clock?: Clock;
}

/** How to start the order-executor: config overrides, environment, connections. */
export type ExecutorStartOptions = StartOptions<ExecutorConnections>;

/** A running order-executor. */
export interface RunningExecutor extends RunningService {
  /** Its own `/metrics` URL; undefined when it records into injected metrics. */
  readonly metricsUrl: string | undefined;
}

/**
 * Starts the order-executor: config -> connections (PostgreSQL migrated, bus, Upbit) -> handlers
 * -> start-up reconciliation -> command consumer. Resolves once commands are being taken.
 */
export async function start(options: ExecutorStartOptions = {}): Promise<RunningExecutor> {
  const sources = configSources(options);
  const config = loadExecutorConfig(sources);
  const given = options.connections ?? {};
  const opened = new Opened();
  // A logger of its own also publishes its lines on the bus (ADR 0042); an injected one may too.
  const stdout = jsonLineSink();
  const toBus =
    given.logger === undefined
      ? createBusLogSink({ service: 'order-executor', report: stdout })
      : undefined;
  const logger =
    given.logger ??
    createLogger({ service: 'order-executor', sinks: toBus ? [stdout, toBus.write] : [stdout] });
  return opened.orClose(async () => {
    const own = given.metrics
      ? undefined
      : opened.add(
          await startProcessMetrics({ service: 'order-executor', settings: config.metrics }),
          (m) => m.stop(),
        );
    const metrics = given.metrics ?? own!;
    const measured = executorMetrics(metrics.meter);
    const connections = opened.add(
      await openConnections(config, given, logger, measured.measuredFetch()),
      (c) => c.close(),
    );
    const clock = given.clock ? dateOf(given.clock) : () => new Date();
    const executor = new Executor(config, connections, logger, clock, measured);
    let taking = false;
    const unready = metrics.health.register(
      'order-executor',
      async () => taking && (await pingBus(connections.bus)),
    );
    opened.add(toBus, (sink) => sink?.detach());
    opened.add(executor, async (e) => {
      taking = false;
      unready();
      await e.stop();
      measured.stop();
    });
    await toBus?.attach(connections.bus, logLimitsFromEnv(sources.env));
    taking = await executor.start();
    if (own) logger.info('order-executor metrics', { metrics: own.metricsUrl });
    return { stop: () => opened.close(), metricsUrl: own?.metricsUrl };
  });
}
