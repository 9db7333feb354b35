import * as t from 'io-ts';
import {
  DatabaseSettings,
  fromString,
  loadConfig,
  type LoadConfigOptions,
  NatsSettings,
  PositiveInt as PositiveIntC,
} from '@hoga/config';
import { DashboardRole } from '@hoga/contracts';
import { METRICS_DEFAULTS, MetricsSettings } from '@hoga/telemetry';

/** Milliseconds, a count or a byte size: a positive integer, also from an environment string. */
const Millis = fromString(PositiveIntC);
const PositiveInt = fromString(PositiveIntC);
const Port = fromString(
  t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'Port'),
);
const PositiveNumber = fromString(
  t.refinement(t.number, (n) => Number.isFinite(n) && n > 0, 'PositiveNumber'),
);

/** An absolute `http:` or `https:` URL. */
const HttpUrl = t.refinement(
  t.string,
  (s) => {
    try {
      const url = new URL(s);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  'HttpUrl',
);

/**
 * Front-end observability (ADR 0044): the page's Faro payloads go to `POST /api/faro/collect`,
 * which forwards them to `collectorUrl` (Grafana Alloy's `faro.receiver`). Off while no
 * `collectorUrl` is set: the page then does not start Faro.
 */
export const FaroSettings = t.intersection([
  t.strict({
    /** `app.name` of the page's payloads (`service.name` of its traces). */
    appName: t.string,
    /** `app.environment` of the page's payloads. */
    environment: t.string,
    /** Payloads per minute and session (more: 429 with `Retry-After`). */
    perMinute: PositiveInt,
    /** The largest payload accepted (more: 413). */
    maxBodyBytes: PositiveInt,
    /** Payloads waiting for the collector at most (more: 503, counted as dropped). */
    maxQueued: PositiveInt,
    /** Payloads sent to the collector at once. */
    concurrency: PositiveInt,
    /** The longest one forward may take (then it is dropped and counted). */
    timeoutMs: Millis,
  }),
  t.partial({
    /** Where payloads go, e.g. `http://127.0.0.1:12347/collect`; unset: Faro is off. */
    collectorUrl: HttpUrl,
    /** Sent as `x-api-key` when the collector wants one (never logged or shown). */
    apiKey: t.string,
  }),
]);
export type FaroSettings = t.TypeOf<typeof FaroSettings>;

/**
 * A configured dashboard user: a name, a role and a password hash in the form
 * `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>` (`hoga dashboard hash-password` prints one).
 */
export const DashboardUser = t.strict(
  { name: t.string, role: DashboardRole, passwordHash: t.string },
  'DashboardUser',
);
export type DashboardUser = t.TypeOf<typeof DashboardUser>;

/** The gateway's own settings (`HOGA_DASHBOARD_GATEWAY__*`). */
export const GatewaySettings = t.intersection([
  t.strict({
    /** Where it listens: 127.0.0.1 unless configured (remote use: SSH tunnel or a TLS front). */
    host: t.string,
    /** 0: any free port. */
    port: Port,
    sessions: t.strict({
      /** A session unused this long ends. */
      idleMs: Millis,
      /** A session ends this long after login, used or not. */
      absoluteMs: Millis,
    }),
    /** How long a one-time login code from `hoga dashboard url` stays valid. */
    loginCodeTtlMs: Millis,
    live: t.strict({
      /** Ticks per second and market sent to clients for the charts (downsampled). */
      ticksPerSecond: PositiveNumber,
      /** A client with more than this many bytes queued is too slow... */
      maxQueuedBytes: PositiveInt,
      /** ...and is dropped when it stays so for this long. */
      slowClientMs: Millis,
      /** Deltas kept for resuming clients (a client behind by more gets a fresh snapshot). */
      resumeBacklog: PositiveInt,
    }),
    rateLimits: t.strict({
      /** Login attempts (password or one-time code) per minute and client address. */
      loginPerMinute: PositiveInt,
      /** Commands (POST/PUT/DELETE under `/api/`) per minute and session (else client address). */
      commandsPerMinute: PositiveInt,
    }),
    /** Front-end observability: off unless `faro.collectorUrl` is set. */
    faro: FaroSettings,
  }),
  t.partial({
    /**
     * The origin browsers use (`https://hoga.example`), when a TLS front or tunnel changes it;
     * default `http://<host>:<port>`. The WebSocket Origin check and the login link use it.
     */
    publicOrigin: t.string,
    /** Users who log in with a password (besides one-time links). */
    users: t.array(DashboardUser),
    /** The web app's built assets (default: `web/dist/app` when built, else the placeholder page). */
    staticDir: t.string,
  }),
]);
export type GatewaySettings = t.TypeOf<typeof GatewaySettings>;

/** The configuration of dashboard-gateway (file + `HOGA_*` environment). */
export const DashboardGatewayConfig = t.strict({
  nats: NatsSettings,
  database: DatabaseSettings,
  dashboardGateway: GatewaySettings,
  /** The `/metrics` and `/health/*` listener when run alone (`HOGA_METRICS__*`, ADR 0056). */
  metrics: MetricsSettings,
});
export type DashboardGatewayConfig = t.TypeOf<typeof DashboardGatewayConfig>;

/** The only defaults of the gateway. */
export const GATEWAY_DEFAULTS: GatewaySettings = {
  host: '127.0.0.1',
  port: 8790,
  sessions: { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 },
  loginCodeTtlMs: 5 * 60_000,
  live: {
    ticksPerSecond: 4,
    maxQueuedBytes: 4 * 1024 * 1024,
    slowClientMs: 10_000,
    resumeBacklog: 10_000,
  },
  rateLimits: { loginPerMinute: 10, commandsPerMinute: 120 },
  faro: {
    appName: 'hoga-dashboard',
    environment: 'production',
    perMinute: 120,
    maxBodyBytes: 256 * 1024,
    maxQueued: 100,
    concurrency: 2,
    timeoutMs: 5000,
  },
};

/** The defaults of the whole config (below the file and the environment). */
export const DEFAULT_CONFIG = {
  nats: { url: 'nats://127.0.0.1:4222', namespace: '' },
  database: { url: 'postgres://postgres@127.0.0.1:5432/hoga' },
  dashboardGateway: GATEWAY_DEFAULTS,
  metrics: METRICS_DEFAULTS,
};

/** Loads the config: defaults, then the file, then `HOGA_*` (throws a `ConfigError`). */
export const loadGatewayConfig = (
  options: Omit<LoadConfigOptions, 'defaults'> = {},
): DashboardGatewayConfig =>
  loadConfig(DashboardGatewayConfig, { ...options, defaults: DEFAULT_CONFIG });
