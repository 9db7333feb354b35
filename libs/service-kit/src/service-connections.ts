import type pg from 'pg';
import { connectNatsBus, createBusLogSink, type Bus } from '@hoga/bus';
import {
  deadLetterLimitsFromEnv,
  logLimitsFromEnv,
  type NatsSettings,
  type Opened,
} from '@hoga/config';
import { PostgresEventStore, type EventStore } from '@hoga/event-store';
import {
  createLogger,
  jsonLineSink,
  startProcessMetrics,
  type Logger,
  type LogLevel,
  type MetricsSettings,
  type ProcessMetrics,
  type ServiceMetrics,
} from '@hoga/telemetry';

/** What every service may be handed instead of opening it (ADR 0062). */
export interface BaseConnections {
  readonly bus?: Bus;
  readonly logger?: Logger;
  readonly metrics?: ServiceMetrics;
}

/** What a service opens from its config when {@link BaseConnections} does not give it. */
export interface BaseSettings {
  /** The service's name: its logger's, its NATS connection's and its metrics' `service`. */
  readonly service: string;
  readonly nats: NatsSettings;
  readonly metrics: MetricsSettings;
  /** Where `HOGA_DEAD_LETTERS__*` and `HOGA_LOG__*` are read. */
  readonly env: NodeJS.ProcessEnv;
  /** The logger's level when the service makes its own. */
  readonly logLevel?: LogLevel;
}

/** The logger, bus and metrics a service runs on; `ownMetrics` when it listens itself. */
export interface BaseConnectionsOpened {
  readonly logger: Logger;
  readonly bus: Bus;
  readonly metrics: ServiceMetrics;
  /** The metrics listener the service opened (its `/metrics` URL), undefined when given one. */
  readonly ownMetrics: ProcessMetrics | undefined;
}

/**
 * Opens, in the one order every service uses, what `given` does not hold: a logger that writes
 * JSON lines and also publishes them on the bus (ADR 0042), the NATS bus (dead letters kept per
 * `HOGA_DEAD_LETTERS__*`), and the process's metrics listener (ADR 0056). What it opens is added
 * to `opened` (closed last first on stop, or when the start fails half-way); what was given is
 * used and never closed.
 */
export async function openBaseConnections(
  settings: BaseSettings,
  given: BaseConnections,
  opened: Opened,
): Promise<BaseConnectionsOpened> {
  const { service, nats, env } = settings;
  const stdout = jsonLineSink();
  const toBus = given.logger ? undefined : createBusLogSink({ service, report: stdout });
  const logger =
    given.logger ??
    createLogger({
      service,
      ...(settings.logLevel !== undefined ? { level: settings.logLevel } : {}),
      sinks: toBus ? [stdout, toBus.write] : [stdout],
    });
  const bus =
    given.bus ??
    opened.add(
      await connectNatsBus({
        servers: nats.url,
        namespace: nats.namespace,
        name: service,
        logger,
        deadLetters: deadLetterLimitsFromEnv(env),
      }),
      (b) => b.close(),
    );
  if (toBus) {
    await toBus.attach(bus, logLimitsFromEnv(env));
    opened.add(toBus, (sink) => sink.detach());
  }
  const ownMetrics = given.metrics
    ? undefined
    : opened.add(await startProcessMetrics({ service, settings: settings.metrics }), (m) =>
        m.stop(),
      );
  return { logger, bus, metrics: given.metrics ?? ownMetrics!, ownMetrics };
}

/** The event store in PostgreSQL, migrated, added to `opened` (closed with what was opened). */
export async function openEventStore(opened: Opened, settings: pg.PoolConfig): Promise<EventStore> {
  const store = opened.add(new PostgresEventStore(settings), (s) => s.close());
  await store.migrate();
  return store;
}
