import { createBusLogSink, pingBus } from '@hoga/bus';
import { configFileFromEnv, logLimitsFromEnv, runAsMain } from '@hoga/config';
import {
  createLogger,
  jsonLineSink,
  startProcessMetrics,
  traced,
  type Logger,
  type ServiceMetrics,
} from '@hoga/telemetry';
import { openConnections, type InjectedConnections } from './adapters/connections.js';
import { executorMetrics } from './adapters/executor-metrics.js';
import { loadExecutorConfig } from './config.js';
import { Executor } from './executor.js';

/** How to start the order-executor; everything is optional. */
export interface StartOptions extends InjectedConnections {
  /** A JSON or YAML config file (below `HOGA_*` variables). */
  readonly configFile?: string;
  /** The environment to read `HOGA_*` from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Config values above everything else (tests, the all-in-one process). */
  readonly config?: unknown;
  readonly logger?: Logger;
  /** The clock (default the system clock). */
  readonly clock?: () => Date;
  /** The all-in-one's metrics; default: a listener of its own per `metrics` config (ADR 0056). */
  readonly metrics?: ServiceMetrics;
}

/** A running order-executor. */
export interface RunningExecutor {
  /** Its own `/metrics` URL; undefined when it records into injected metrics. */
  readonly metricsUrl: string | undefined;
  /** Stops taking commands, lets work in flight finish, closes what it opened. */
  stop(): Promise<void>;
}

/**
 * Starts the order-executor: config -> connections (PostgreSQL migrated, bus, Upbit) -> handlers
 * -> start-up reconciliation -> command consumer. Resolves once commands are being taken.
 */
export async function start(options: StartOptions = {}): Promise<RunningExecutor> {
  const config = loadExecutorConfig({
    ...(options.configFile !== undefined ? { file: options.configFile } : {}),
    env: options.env ?? process.env,
    overrides: options.config,
  });
  // A logger of its own also publishes its lines on the bus (ADR 0042); an injected one may too.
  const stdout = jsonLineSink();
  const toBus =
    options.logger === undefined
      ? createBusLogSink({ service: 'order-executor', report: stdout })
      : undefined;
  const logger =
    options.logger ??
    createLogger({ service: 'order-executor', sinks: toBus ? [stdout, toBus.write] : [stdout] });
  const own = options.metrics
    ? undefined
    : await startProcessMetrics({ service: 'order-executor', settings: config.metrics });
  const metrics = options.metrics ?? own!;
  const measured = executorMetrics(metrics.meter);
  let connections: Awaited<ReturnType<typeof openConnections>>;
  try {
    connections = await openConnections(config, options, logger, measured.measuredFetch());
  } catch (error) {
    await own?.stop();
    throw error;
  }
  const clock = options.clock ?? (() => new Date());
  const executor = new Executor(config, connections, logger, clock, measured);
  let taking = false;
  const unready = metrics.health.register(
    'order-executor',
    async () => taking && (await pingBus(connections.bus)),
  );
  const stop = async () => {
    taking = false;
    unready();
    await executor.stop();
    measured.stop();
    await toBus?.detach();
    await connections.close();
    await own?.stop();
  };
  try {
    await toBus?.attach(connections.bus, logLimitsFromEnv(options.env ?? process.env));
    taking = await executor.start();
  } catch (error) {
    await stop();
    throw error;
  }
  if (own) logger.info('order-executor metrics', { metrics: own.metricsUrl });
  return { stop, metricsUrl: own?.metricsUrl };
}

/** As a process: start from the environment (`HOGA_CONFIG` file + `HOGA_*`), drain on signals. */
runAsMain(
  import.meta.url,
  'order-executor',
  traced('order-executor', async () => {
    const running = await start({ configFile: configFileFromEnv() });
    return () => running.stop();
  }),
);
