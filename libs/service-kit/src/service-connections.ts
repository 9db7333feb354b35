import type pg from 'pg';
import { connectNatsBus, createBusLogSink, type Bus } from '@hoga/bus';
import {
  configSources,
  deadLetterLimitsFromEnv,
  logLimitsFromEnv,
  Opened,
  type NatsSettings,
  type StartOptions,
} from '@hoga/config';
import type { Clock } from '@hoga/model';
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

/** The config sources of a start (`HOGA_CONFIG`, `HOGA_*` of its `env`, its `config`). */
export type ConfigSources = ReturnType<typeof configSources>;

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

/** What a service with an event store may be handed (ADR 0062); services add their own. */
export interface StoreConnections extends BaseConnections {
  readonly store?: EventStore;
  readonly clock?: Clock;
}

/** The part of a service's config the shared start reads. */
export interface ServiceConfigBase {
  readonly nats: NatsSettings;
  readonly metrics: MetricsSettings;
  readonly database: { readonly url: string };
}

/** What {@link startWithStore} hands the rest of a service's start. */
export interface ServiceStart<Config, Given> extends BaseConnectionsOpened {
  readonly config: Config;
  /** Where `HOGA_*` were read. */
  readonly env: NodeJS.ProcessEnv;
  readonly given: Given;
  /** What the start opened: add what the rest opens, it is closed on stop or a failed start. */
  readonly opened: Opened;
  readonly store: EventStore;
  /** The config's database as pool settings (the caller's `database` connection when given). */
  readonly database: pg.PoolConfig;
}

/**
 * The one start of a service on NATS and the event store (ADR 0062): its config from
 * `HOGA_CONFIG` + `HOGA_*` of `options.env` with `options.config` on top (`load`), the base
 * connections and the store opened unless given, then `rest` builds the service; `stop()` drains
 * it (logged) and closes what was opened, last first. A start that fails half-way closes what it
 * opened and rethrows.
 */
export async function startWithStore<
  Config extends ServiceConfigBase,
  Given extends StoreConnections & { readonly database?: pg.PoolConfig },
  Service extends { stop(): Promise<void> },
>(
  service: string,
  options: StartOptions<Given>,
  load: (sources: ConfigSources) => Config,
  storeMax: number,
  rest: (start: ServiceStart<Config, Given>) => Promise<Service>,
): Promise<Service> {
  const sources = configSources(options);
  const config = load(sources);
  const given = options.connections ?? ({} as Given);
  const opened = new Opened();
  const database = given.database ?? { connectionString: config.database.url };
  return opened.orClose(async () => {
    const base = await openBaseConnections(
      { service, nats: config.nats, metrics: config.metrics, env: sources.env },
      given,
      opened,
    );
    const store = given.store ?? (await openEventStore(opened, { ...database, max: storeMax }));
    const running = await rest({
      ...base,
      config,
      env: sources.env,
      given,
      opened,
      store,
      database,
    });
    opened.add(running, async (s) => {
      base.logger.info(`${service} draining`);
      await s.stop();
    });
    return { ...running, stop: () => opened.close() };
  });
}
