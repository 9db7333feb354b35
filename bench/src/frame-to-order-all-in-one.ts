/**
 * The frame-to-order bench's all-in-one mode: risk-guard, market-feed, order-executor and
 * position-actor started through their own `start()` in the bench's process, composed as
 * `tools/all-in-one` composes them (one in-process broker, one bus per service, one PostgreSQL
 * event store for risk-guard and position-actor, solo leases, one process metrics registry),
 * against the emulator in the same process. The frame probe is installed on market-feed's
 * socket here.
 */
import { createInProcessBroker, createInProcessBus, type Bus } from '@hoga/bus';
import { PostgresEventStore } from '@hoga/event-store';
import { start as startMarketFeed } from '@hoga/market-feed';
import { start as startOrderExecutor } from '@hoga/order-executor';
import { SoloLeaseBackend, start as startPositionActor } from '@hoga/position-actor';
import { start as startRiskGuard } from '@hoga/risk-guard';
import {
  createLogger,
  METRICS_DEFAULTS,
  startProcessMetrics,
  type LogRecord,
} from '@hoga/telemetry';
import { testDatabaseUrl } from '@hoga/testkit';
import { installFrameProbe } from './frame-probe.js';
import type { FrameSource } from './frame-to-order-samples.js';
import { createBenchDatabase } from './event-store-database.js';
import { KEYS, MARKETS, type Exchange } from './frame-to-order-world.js';

/** A running engine of one mode, as the samples drive it. */
export interface RunningEngine {
  /** The bench's own bus (ops requests, position states). */
  readonly bus: Bus;
  readonly frames: FrameSource;
  /** Warnings and errors the services logged (distributed: the tail of each process's output). */
  problems(): string[];
  stop(): Promise<void>;
}

/** What the executor is told on top of its defaults, in both modes. */
export const executorSettings = (exchange: Exchange) => ({
  upbit: {
    baseUrl: exchange.emulator.url,
    wsUrl: exchange.emulator.privateWsUrl,
    ...KEYS,
  },
  // the set-up sends 1,000 entries paced at 12/s: none may expire on the way (exits never do)
  executor: { maxEntryAgeMs: 600_000 },
});

export async function startAllInOne(exchange: Exchange): Promise<RunningEngine> {
  const database = await createBenchDatabase(await testDatabaseUrl());
  const stops: (() => Promise<void>)[] = [async () => database.drop()];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  const logs: LogRecord[] = [];
  const logger = (service: string) =>
    createLogger({ service, level: 'warn', sinks: [(r) => void logs.push(r)] });
  const probe = installFrameProbe(exchange.emulator.wsUrl);
  stops.push(async () => probe.remove());
  try {
    const metrics = await startProcessMetrics({ service: 'hoga', settings: METRICS_DEFAULTS });
    stops.push(() => metrics.stop());
    const broker = createInProcessBroker();
    const bus = (name: string): Bus => {
      const b = createInProcessBus({ broker, namespace: '', name });
      stops.push(() => b.close());
      return b;
    };
    const decided = {
      database: { url: database.url },
      nats: { url: 'nats://in-process', namespace: '' },
    };
    const env = {};
    const store = new PostgresEventStore({ connectionString: database.url, max: 10 });
    stops.push(() => store.close());
    await store.migrate();
    const risk = await startRiskGuard({
      env,
      config: decided,
      connections: {
        ...{ bus: bus('risk-guard'), store, logger: logger('risk-guard'), metrics },
        leases: new SoloLeaseBackend(),
      },
    });
    stops.push(() => risk.stop());
    const feed = await startMarketFeed({
      env,
      config: {
        ...decided,
        marketFeed: {
          source: 'upbit',
          markets: [...MARKETS],
          upbit: { wsUrl: exchange.emulator.wsUrl, restUrl: exchange.emulator.url },
        },
      },
      connections: { bus: bus('market-feed'), logger: logger('market-feed'), metrics },
    });
    stops.push(() => feed.stop());
    const executor = await startOrderExecutor({
      env,
      connections: {
        bus: bus('order-executor'),
        database: { connectionString: database.url, max: 5 },
        logger: logger('order-executor'),
        metrics,
      },
      config: { ...decided, ...executorSettings(exchange) },
    });
    stops.push(() => executor.stop());
    const actor = await startPositionActor({
      env,
      config: decided,
      connections: {
        ...{ bus: bus('position-actor'), store, logger: logger('position-actor'), metrics },
        leases: new SoloLeaseBackend(),
      },
    });
    stops.push(() => actor.stop());
    return {
      bus: bus('bench'),
      frames: probe,
      problems: () => [...new Set(logs.map((l) => `${l.level}: ${l.msg}`))],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
