import { connectNatsBus, createBusLogSink } from '@hoga/bus';
import {
  configFileFromEnv,
  deadLetterLimitsFromEnv,
  logLimitsFromEnv,
  runAsMain,
  type Drain,
} from '@hoga/config';
import { PostgresEventStore } from '@hoga/event-store';
import { createLogger, jsonLineSink, startProcessMetrics, traced } from '@hoga/telemetry';
import { loadGatewayConfig } from './config.js';
import { startService, type GatewayOptions, type GatewayService } from './service.js';

/** Starts the gateway on injected connections (tests, all-in-one); the caller closes them. */
export const start = (options: GatewayOptions): Promise<GatewayService> => startService(options);

/** Runs the gateway as a process: config, NATS, PostgreSQL, start; returns how to drain. */
async function runProcess(): Promise<Drain> {
  const file = configFileFromEnv();
  const config = loadGatewayConfig(file !== undefined ? { file } : {});
  const stdout = jsonLineSink();
  const toBus = createBusLogSink({ service: 'dashboard-gateway', report: stdout });
  const logger = createLogger({ service: 'dashboard-gateway', sinks: [stdout, toBus.write] });
  const bus = await connectNatsBus({
    servers: config.nats.url,
    namespace: config.nats.namespace,
    name: 'dashboard-gateway',
    logger,
    deadLetters: deadLetterLimitsFromEnv(),
  });
  await toBus.attach(bus, logLimitsFromEnv());
  const store = new PostgresEventStore({ connectionString: config.database.url, max: 4 });
  await store.migrate();
  // its own /metrics and /health/* (ADR 0056): the gateway registers ready while NATS answers
  const metrics = await startProcessMetrics({
    service: 'dashboard-gateway',
    settings: config.metrics,
  });
  const service = await start({
    metrics,
    bus,
    store,
    logger,
    database: { connectionString: config.database.url },
    settings: config.dashboardGateway,
  });
  logger.info('dashboard-gateway metrics', { metrics: metrics.metricsUrl });
  return async () => {
    logger.info('dashboard-gateway draining');
    await service.stop();
    await toBus.detach();
    await bus.close();
    await store.close();
    await metrics.stop();
  };
}

runAsMain(import.meta.url, 'dashboard-gateway', traced('dashboard-gateway', runProcess));
