import { hostname } from 'node:os';
import { connectNatsBus, createBusLogSink } from '@hoga/bus';
import {
  deadLetterLimitsFromEnv,
  configFileFromEnv,
  logLimitsFromEnv,
  runAsMain,
  type Drain,
} from '@hoga/config';
import { PostgresEventStore } from '@hoga/event-store';
import { createLogger, jsonLineSink, startProcessMetrics, traced } from '@hoga/telemetry';
import { leaderLease } from './adapters/leader-lease.js';
import { loadRiskGuardConfig } from './config.js';
import { hasChannels } from './notifier/notify-settings.js';
import { startService, type RiskGuardOptions, type RiskGuardService } from './service.js';

/**
 * Starts risk-guard on injected connections (tests, all-in-one): see `startService`.
 * The caller owns the bus and the store and closes them after `stop()`.
 */
export const start = (options: RiskGuardOptions): Promise<RiskGuardService> =>
  startService(options);

/**
 * Runs risk-guard as a process: config, NATS, PostgreSQL, start; returns how to drain. Several
 * processes may run: the one holding the leader lease (a PostgreSQL advisory lock) acts.
 */
async function runProcess(): Promise<Drain> {
  const file = configFileFromEnv();
  const config = loadRiskGuardConfig(file !== undefined ? { file } : {});
  const stdout = jsonLineSink();
  const toBus = createBusLogSink({ service: 'risk-guard', report: stdout });
  const logger = createLogger({ service: 'risk-guard', sinks: [stdout, toBus.write] });
  const bus = await connectNatsBus({
    servers: config.nats.url,
    namespace: config.nats.namespace,
    name: 'risk-guard',
    logger,
    deadLetters: deadLetterLimitsFromEnv(),
  });
  await toBus.attach(bus, logLimitsFromEnv());
  const store = new PostgresEventStore({ connectionString: config.database.url, max: 4 });
  await store.migrate();
  const { riskGuard } = config;
  const metrics = await startProcessMetrics({ service: 'risk-guard', settings: config.metrics });
  logger.info('risk-guard metrics', { metrics: metrics.metricsUrl });
  const service = await start({
    bus,
    store,
    logger,
    metrics,
    lossLimitPct: riskGuard.lossLimitPct,
    feeRate: riskGuard.feeRate,
    ordersPerSecond: riskGuard.ordersPerSecond,
    stateThrottleMs: riskGuard.stateThrottleMs,
    watchdog: riskGuard.watchdog,
    priceSanity: config.priceSanity,
    leadership: {
      leases: leaderLease(config.database.url),
      retryMs: riskGuard.leadership.retryMs,
    },
    instanceId: riskGuard.leadership.instanceId ?? `${hostname()}:${String(process.pid)}`,
    ...(hasChannels(config.notify)
      ? { notify: { config: config.notify, database: { connectionString: config.database.url } } }
      : {}),
  });
  return async () => {
    logger.info('risk-guard draining');
    await service.stop();
    await toBus.detach();
    await bus.close();
    await store.close();
    await metrics.stop();
  };
}

runAsMain(import.meta.url, 'risk-guard', traced('risk-guard', runProcess));
