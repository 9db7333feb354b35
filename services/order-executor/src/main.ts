import { createBusLogSink } from '@hoga/bus';
import { configFileFromEnv, logLimitsFromEnv, runAsMain } from '@hoga/config';
import { createLogger, jsonLineSink, type Logger } from '@hoga/telemetry';
import { openConnections, type InjectedConnections } from './adapters/connections.js';
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
}

/** A running order-executor. */
export interface RunningExecutor {
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
  const connections = await openConnections(config, options, logger);
  const executor = new Executor(config, connections, logger, options.clock ?? (() => new Date()));
  const stop = async () => {
    await executor.stop();
    await toBus?.detach();
    await connections.close();
  };
  try {
    await toBus?.attach(connections.bus, logLimitsFromEnv(options.env ?? process.env));
    await executor.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

/** As a process: start from the environment (`HOGA_CONFIG` file + `HOGA_*`), drain on signals. */
runAsMain(import.meta.url, 'order-executor', async () => {
  const running = await start({ configFile: configFileFromEnv() });
  return () => running.stop();
});
