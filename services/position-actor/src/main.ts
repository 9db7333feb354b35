import { connectNatsBus, createBusLogSink } from '@hoga/bus';
import {
  deadLetterLimitsFromEnv,
  configFileFromEnv,
  logLimitsFromEnv,
  runAsMain,
  type Drain,
} from '@hoga/config';
import { PostgresEventStore } from '@hoga/event-store';
import { DEFAULT_LEASE_CLASS, PostgresLeaseBackend } from '@hoga/leases';
import pg from 'pg';
import { createLogger, jsonLineSink, startProcessMetrics, traced } from '@hoga/telemetry';
import { loadPositionActorConfig } from './config.js';
import { PostgresPositionIndex } from './index-projection/postgres-position-index.js';
import { startService, type PositionActorOptions, type PositionActorService } from './service.js';

/**
 * Starts position-actor on injected connections (tests, all-in-one): see `startService`.
 * The caller owns the bus and the store and closes them after `stop()`.
 */
export const start = (options: PositionActorOptions): Promise<PositionActorService> =>
  startService(options);

/** Runs position-actor as a process: config, NATS, PostgreSQL, start; returns how to drain. */
async function runProcess(): Promise<Drain> {
  const file = configFileFromEnv();
  const config = loadPositionActorConfig(file !== undefined ? { file } : {});
  const stdout = jsonLineSink();
  const toBus = createBusLogSink({ service: 'position-actor', report: stdout });
  const logger = createLogger({ service: 'position-actor', sinks: [stdout, toBus.write] });
  const bus = await connectNatsBus({
    servers: config.nats.url,
    namespace: config.nats.namespace,
    name: 'position-actor',
    logger,
    deadLetters: deadLetterLimitsFromEnv(),
  });
  await toBus.attach(bus, logLimitsFromEnv());
  const store = new PostgresEventStore({ connectionString: config.database.url, max: 10 });
  await store.migrate();
  const pool = new pg.Pool({ connectionString: config.database.url, max: 2 });
  const metrics = await startProcessMetrics({
    service: 'position-actor',
    settings: config.metrics,
  });
  const service = await start({
    bus,
    store,
    logger,
    metrics,
    feeRate: config.positionActor.feeRate,
    snapshotEvery: config.positionActor.snapshotEvery,
    stateThrottleMs: config.positionActor.stateThrottleMs,
    priceSanity: config.priceSanity,
    index: new PostgresPositionIndex(pool),
    partitions: {
      count: config.positionActor.partitions,
      leases: new PostgresLeaseBackend(
        { connectionString: config.database.url },
        DEFAULT_LEASE_CLASS,
      ),
      leaseIntervalMs: config.positionActor.leaseIntervalMs,
    },
  });
  logger.info('position-actor started', {
    rehydrated: service.rehydrated,
    metrics: metrics.metricsUrl,
  });
  return async () => {
    logger.info('position-actor draining');
    await service.stop();
    await toBus.detach();
    await bus.close();
    await store.close();
    await pool.end();
    await metrics.stop();
  };
}

runAsMain(import.meta.url, 'position-actor', traced('position-actor', runProcess));
