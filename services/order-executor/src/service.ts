import { pingBus } from '@hoga/bus';
import type { RunningService, StartOptions } from '@hoga/config';
import { dateOf, type Clock } from '@hoga/model';
import { startWithBase, type BaseConnections } from '@hoga/service-kit';
import { openConnections, type InjectedConnections } from './adapters/connections.js';
import { executorMetrics } from './adapters/executor-metrics.js';
import { loadStartConfig } from './config.js';
import { Executor } from './app/executor.js';

/** What the caller may hand the order-executor; it opens the rest itself (ADR 0062). */
export interface ExecutorConnections extends InjectedConnections, BaseConnections {
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
 * Starts the order-executor from its config (`HOGA_CONFIG` + `HOGA_EXECUTOR__*`, `HOGA_UPBIT__*`,
 * ... of `env`, `config` on top): the bus, the logger and the metrics listener (the kit's), then
 * PostgreSQL (migrated) and Upbit, unless given in `connections` -> handlers -> start-up
 * reconciliation -> command consumer. Resolves once commands are being taken.
 */
export async function start(options: ExecutorStartOptions = {}): Promise<RunningExecutor> {
  return startWithBase(
    'order-executor',
    options,
    loadStartConfig,
    async ({ config, given, opened, logger, bus, metrics, ownMetrics: own }) => {
      // stopped by the drain, before the connections close; here too for a failed start
      const measured = opened.add(executorMetrics(metrics.meter), (m) => m.stop());
      const connections = opened.add(
        await openConnections(config, { ...given, bus }, logger, measured.measuredFetch()),
        (c) => c.close(),
      );
      const clock = given.clock ? dateOf(given.clock) : () => new Date();
      const executor = new Executor(config, connections, logger, clock, measured);
      let taking = false;
      const unready = metrics.health.register(
        'order-executor',
        async () => taking && (await pingBus(bus)),
      );
      const drain = async (): Promise<void> => {
        taking = false;
        unready();
        await executor.stop();
        measured.stop();
      };
      try {
        taking = await executor.start();
      } catch (error) {
        await drain();
        throw error;
      }
      if (own) logger.info('order-executor metrics', { metrics: own.metricsUrl });
      return { stop: drain, metricsUrl: own?.metricsUrl };
    },
  );
}
