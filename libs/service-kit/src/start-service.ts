import type pg from 'pg';
import { configSources, Opened, type NatsSettings, type StartOptions } from '@hoga/config';
import type { EventStore } from '@hoga/event-store';
import type { Clock } from '@hoga/model';
import type { LogLevel, MetricsSettings } from '@hoga/telemetry';
import {
  openBaseConnections,
  openEventStore,
  type BaseConnections,
  type BaseConnectionsOpened,
} from './service-connections.js';

/** The config sources of a start (`HOGA_CONFIG`, `HOGA_*` of its `env`, its `config`). */
export type ConfigSources = ReturnType<typeof configSources>;

/** The part of every service's config the shared start reads. */
export interface BaseConfig {
  readonly nats: NatsSettings;
  readonly metrics: MetricsSettings;
  /** The level of the logger the service makes when none is given (default `info`). */
  readonly logLevel?: LogLevel;
}

/** What {@link startWithBase} hands the rest of a service's start. */
export interface BaseStart<Config, Given> extends BaseConnectionsOpened {
  readonly config: Config;
  /** Where `HOGA_*` were read. */
  readonly env: NodeJS.ProcessEnv;
  readonly given: Given;
  /** What the start opened: add what the rest opens, it is closed on stop or a failed start. */
  readonly opened: Opened;
}

/**
 * The one start of a service (ADR 0062): its config from `HOGA_CONFIG` + `HOGA_*` of
 * `options.env` with `options.config` on top (`load`), the base connections opened unless given
 * ({@link openBaseConnections}, dead letters and log limits read from that same `env`), then
 * `rest` builds the service; `stop()` drains it (logged) and closes what was opened, last first
 * (a second `stop()` waits for the first). A start that fails half-way closes what it opened and
 * rethrows.
 */
export async function startWithBase<
  Config extends BaseConfig,
  Given extends BaseConnections,
  Service extends { stop(): Promise<void> },
>(
  service: string,
  options: StartOptions<Given>,
  load: (sources: ConfigSources) => Config,
  rest: (start: BaseStart<Config, Given>) => Promise<Service>,
): Promise<Service> {
  const sources = configSources(options);
  const config = load(sources);
  const given = options.connections ?? ({} as Given);
  const opened = new Opened();
  return opened.orClose(async () => {
    const { nats, metrics, logLevel } = config;
    const base = await openBaseConnections(
      { service, nats, metrics, env: sources.env, ...(logLevel ? { logLevel } : {}) },
      given,
      opened,
    );
    const running = await rest({ ...base, config, env: sources.env, given, opened });
    opened.add(running, async (s) => {
      base.logger.info(`${service} draining`);
      await s.stop();
    });
    let stopping: Promise<void> | undefined;
    return { ...running, stop: () => (stopping ??= opened.close()) };
  });
}

/** What a service with an event store may be handed (ADR 0062); services add their own. */
export interface StoreConnections extends BaseConnections {
  readonly store?: EventStore;
  readonly clock?: Clock;
}

/** The part of a service's config {@link startWithStore} reads. */
export interface ServiceConfigBase extends BaseConfig {
  readonly database: { readonly url: string };
}

/** What {@link startWithStore} hands the rest of a service's start. */
export interface ServiceStart<Config, Given> extends BaseStart<Config, Given> {
  readonly store: EventStore;
  /** The config's database as pool settings (the caller's `database` connection when given). */
  readonly database: pg.PoolConfig;
}

/**
 * {@link startWithBase} for a service on the event store: the store is opened (migrated, a pool of
 * `storeMax`) unless given, before `rest`.
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
  return startWithBase(service, options, load, async (start) => {
    const database = start.given.database ?? { connectionString: start.config.database.url };
    const store =
      start.given.store ?? (await openEventStore(start.opened, { ...database, max: storeMax }));
    return rest({ ...start, store, database });
  });
}
