import { pathToFileURL } from 'node:url';
import { connectNatsBus } from '@hoga/bus';
import { loadConfig } from '@hoga/config';
import { PostgresEventStore } from '@hoga/event-store';
import { createLogger, jsonLineSink } from '@hoga/telemetry';
import { DEFAULT_CONFIG, RiskGuardConfig } from './config.js';
import { hasChannels } from './notifier/notify-settings.js';
import { startService, type RiskGuardOptions, type RiskGuardService } from './service.js';

/**
 * Starts risk-guard on injected connections (tests, all-in-one): see `startService`.
 * The caller owns the bus and the store and closes them after `stop()`.
 */
export const start = (options: RiskGuardOptions): Promise<RiskGuardService> =>
  startService(options);

/** Runs risk-guard as a process: config, NATS, PostgreSQL, start; SIGTERM/SIGINT drain. */
async function runProcess(): Promise<void> {
  const config = loadConfig(RiskGuardConfig, {
    defaults: DEFAULT_CONFIG,
    ...(process.env['HOGA_CONFIG'] !== undefined ? { file: process.env['HOGA_CONFIG'] } : {}),
  });
  const logger = createLogger({ service: 'risk-guard', sinks: [jsonLineSink()] });
  const bus = await connectNatsBus({
    servers: config.nats.url,
    namespace: config.nats.namespace,
    name: 'risk-guard',
    logger,
  });
  const store = new PostgresEventStore({ connectionString: config.database.url, max: 4 });
  await store.migrate();
  const { riskGuard } = config;
  const service = await start({
    bus,
    store,
    logger,
    lossLimitPct: riskGuard.lossLimitPct,
    ordersPerSecond: riskGuard.ordersPerSecond,
    stateThrottleMs: riskGuard.stateThrottleMs,
    watchdog: riskGuard.watchdog,
    ...(hasChannels(config.notify)
      ? { notify: { config: config.notify, database: { connectionString: config.database.url } } }
      : {}),
  });
  const shutdown = async (signal: string) => {
    logger.info('risk-guard draining', { signal });
    await service.stop();
    await bus.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', (s) => void shutdown(s));
  process.once('SIGINT', (s) => void shutdown(s));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  runProcess().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
