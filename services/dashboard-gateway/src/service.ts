import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { pingBus, type Bus } from '@hoga/bus';
import type { RunningService, StartOptions } from '@hoga/config';
import type { EventStore } from '@hoga/event-store';
import { startWithStore, type StoreConnections } from '@hoga/service-kit';
import { dateOf } from '@hoga/model';
import { type Logger, type ServiceMetrics } from '@hoga/telemetry';
import { authModule } from './app/auth/auth.module.js';
import { Guards } from './app/auth/guards.js';
import { LoginCodes } from './app/auth/login-codes.js';
import { SessionStore } from './app/auth/sessions.js';
import { GATEWAY_DEFAULTS, loadGatewayConfig, type GatewaySettings } from './config.js';
import type { GatewayContext, GatewayModule } from './app/gateway-context.js';
import { createApp } from './adapters/http/app.js';
import { LiveHub } from './app/live/live-hub.js';
import { historyModule } from './app/history/history.module.js';
import { liveModule } from './app/live/live.module.js';
import { commandsModule } from './app/commands/commands.module.js';
import { faroForwarderOf } from './app/faro/faro-forwarder.js';
import { faroModule } from './app/faro/faro.module.js';
import { logsModule } from './app/logs/logs.module.js';
import { gatewayOpsModule } from './handlers/gateway-ops.module.js';
import { staticModule } from './adapters/static/static.module.js';

/** What the gateway runs on; the caller owns the bus and the store. */
export interface GatewayOptions {
  readonly bus: Bus;
  readonly store: EventStore;
  readonly logger: Logger;
  /** The shared PostgreSQL (the gateway opens its own small pool on it; default max 4). */
  readonly database: pg.PoolConfig;
  readonly settings?: Partial<GatewaySettings>;
  readonly now?: () => Date;
  /** Where it registers its readiness (`/health/ready`: ready while NATS answers; ADR 0056). */
  readonly metrics?: ServiceMetrics;
}

/** A running dashboard-gateway. */
export interface GatewayService extends RunningService {
  /** Where the dashboard is served (`http://127.0.0.1:8790/`). */
  readonly url: string;
  readonly context: GatewayContext;
  readonly hub: LiveHub;
  readonly app: FastifyInstance;
  /** Stops the modules, closes the server (and every client) and the pool. */
  stop(): Promise<void>;
}

/** The parts of the gateway, in start order (stopped in reverse). */
const MODULES: readonly GatewayModule[] = [
  authModule,
  {
    name: 'health',
    start: (_ctx, app) => {
      app.get('/healthz', () => ({ status: 'ok' }));
      return Promise.resolve();
    },
  },
  gatewayOpsModule,
  historyModule,
  liveModule,
  commandsModule(),
  logsModule,
  faroModule,
  staticModule,
];

const hostForUrl = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/**
 * Starts the gateway: the modules register their routes and subscriptions, then it listens on
 * `settings.host:port` (127.0.0.1 by default).
 */
export async function startService(options: GatewayOptions): Promise<GatewayService> {
  const settings: GatewaySettings = { ...GATEWAY_DEFAULTS, ...options.settings };
  const now = options.now ?? (() => new Date());
  const logger = options.logger;
  const pool = new pg.Pool({ max: 4, ...options.database });
  pool.on('error', (error) => logger.warn('database connection error', { error }));
  const sessions = new SessionStore(settings.sessions, () => now().getTime());
  let origin =
    settings.publicOrigin ?? `http://${hostForUrl(settings.host)}:${String(settings.port)}`;
  const guards = new Guards(sessions, () => origin);
  const hub = new LiveHub(settings.live.resumeBacklog);
  const context: GatewayContext = {
    settings,
    bus: options.bus,
    store: options.store,
    pool,
    logger,
    now,
    sessions,
    guards,
    origin: () => origin,
    live: hub,
    hub,
    loginCodes: new LoginCodes(settings.loginCodeTtlMs, () => now().getTime()),
    faro: faroForwarderOf(settings.faro, logger),
  };
  const app = await createApp(logger);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse())
      await stop().catch((error: unknown) => logger.warn('module stop failed', { error }));
    await app.close();
    await pool.end();
  };
  try {
    for (const module of MODULES) {
      const stop = await module.start(context, app);
      if (stop) stops.push(stop);
    }
    await app.listen({ host: settings.host, port: settings.port });
  } catch (error) {
    await stopAll();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : settings.port;
  if (settings.publicOrigin === undefined)
    origin = `http://${hostForUrl(settings.host)}:${String(port)}`;
  const url = `${origin}/`;
  logger.info('dashboard-gateway listening', { url });
  const unready = options.metrics?.health.register('dashboard-gateway', () => pingBus(options.bus));
  const stop = async (): Promise<void> => {
    unready?.();
    await stopAll();
  };
  return { url, context, hub, app, stop };
}

/**
 * What the caller may hand the gateway (the all-in-one, tests); it opens the rest from its
 * config and closes only that (ADR 0062).
 */
export interface GatewayConnections extends StoreConnections {
  /** Where its own small pool connects (default `database.url` of its config). */
  readonly database?: pg.PoolConfig;
}

/**
 * Starts dashboard-gateway from its config (`HOGA_CONFIG` + `HOGA_DASHBOARD_GATEWAY__*`, ... of
 * `env`, `config` on top): the bus, the event store and the metrics listener are opened unless
 * given in `connections`; then {@link startService}.
 */
export async function start(
  options: StartOptions<GatewayConnections> = {},
): Promise<GatewayService> {
  return startWithStore(
    'dashboard-gateway',
    options,
    loadGatewayConfig,
    4,
    async ({ config, given, logger, bus, metrics, store, database, ownMetrics: own }) => {
      // its own /metrics and /health/* (ADR 0056): the gateway registers ready while NATS answers
      if (own) logger.info('dashboard-gateway metrics', { metrics: own.metricsUrl });
      const service = await startService({
        bus,
        store,
        logger,
        database,
        settings: config.dashboardGateway,
        metrics,
        ...(given.clock ? { now: dateOf(given.clock) } : {}),
      });
      return service;
    },
  );
}
