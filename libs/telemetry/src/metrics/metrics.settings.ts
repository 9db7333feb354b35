import * as t from 'io-ts';

/** A port from JSON or an environment string; 0 lets the system choose. */
const Port = new t.Type<number, number, unknown>(
  'Port(0-65535)',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 && u <= 65535,
  (u, c) => {
    const n =
      typeof u === 'number' ? u : typeof u === 'string' && /^\d{1,5}$/.test(u) ? Number(u) : NaN;
    return Number.isSafeInteger(n) && n >= 0 && n <= 65535 ? t.success(n) : t.failure(u, c);
  },
  t.identity,
);

/** Milliseconds between OTLP exports, 1 s to 1 h. */
const IntervalMs = new t.Type<number, number, unknown>(
  'IntervalMs(1000-3600000)',
  (u): u is number =>
    typeof u === 'number' && Number.isSafeInteger(u) && u >= 1000 && u <= 3_600_000,
  (u, c) => {
    const n =
      typeof u === 'number' ? u : typeof u === 'string' && /^\d{1,7}$/.test(u) ? Number(u) : NaN;
    return Number.isSafeInteger(n) && n >= 1000 && n <= 3_600_000 ? t.success(n) : t.failure(u, c);
  },
  t.identity,
);

const Host = new t.Type<string, string, unknown>(
  'Host',
  (u): u is string => typeof u === 'string' && /^[A-Za-z0-9.:_-]{1,253}$/.test(u),
  (u, c) =>
    typeof u === 'string' && /^[A-Za-z0-9.:_-]{1,253}$/.test(u) ? t.success(u) : t.failure(u, c),
  t.identity,
);

/** `http(s)://...` for OTLP/HTTP metrics (e.g. `http://collector:4318/v1/metrics`), or none. */
const OtlpUrl = new t.Type<string | null, string | null, unknown>(
  'OtlpUrl(http(s) URL or empty)',
  (u): u is string | null => u === null || (typeof u === 'string' && isHttpUrl(u)),
  (u, c) =>
    u === null || u === ''
      ? t.success(null)
      : typeof u === 'string' && isHttpUrl(u)
        ? t.success(u)
        : t.failure(u, c),
  t.identity,
);

function isHttpUrl(s: string): boolean {
  return /^https?:\/\//.test(s) && URL.canParse(s);
}

/**
 * The metrics and health listener of one process (`metrics` in the config file,
 * `HOGA_METRICS__PORT`, `HOGA_METRICS__HOST`, `HOGA_METRICS__OTLP_URL`,
 * `HOGA_METRICS__OTLP_INTERVAL_MS`).
 */
export const MetricsSettings = t.strict(
  {
    /** Interface to listen on; loopback unless configured (`0.0.0.0` in a container). */
    host: Host,
    /** 0: a port the system chooses (logged, and named in `.hoga/runtime.json`). */
    port: Port,
    /** OTLP/HTTP metrics endpoint; null: nothing is exported, only scraped. */
    otlpUrl: OtlpUrl,
    otlpIntervalMs: IntervalMs,
  },
  'MetricsSettings',
);
export type MetricsSettings = t.TypeOf<typeof MetricsSettings>;

export const METRICS_DEFAULTS: MetricsSettings = {
  host: '127.0.0.1',
  port: 0,
  otlpUrl: null,
  otlpIntervalMs: 15_000,
};
