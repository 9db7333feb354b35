import type { RunningEmulator } from '@hoga/upbit-emulator';
import type { ServiceName } from './service-process.js';

/** The emulator account every e2e stack trades with. */
export const E2E_ACCESS_KEY = 'e2e-access-key';
export const E2E_SECRET_KEY = 'e2e-secret-key';

/** Where a stack's services find their infrastructure. */
export interface ServiceEnvContext {
  readonly natsUrl: string;
  readonly databaseUrl: string;
  readonly emulator: RunningEmulator;
  /** Markets market-feed streams from the start. */
  readonly markets: readonly string[];
  /** Per-service overrides of a test. */
  readonly overrides?: Partial<Record<ServiceName, Record<string, string>>>;
}

/**
 * The environment of one service process: this process's environment without any `HOGA_*`,
 * `DATABASE_URL` or `NATS_URL` (so nothing leaks in from the developer's shell), the stack's
 * infrastructure, short timings so the scenarios run fast, then the test's overrides.
 */
export function serviceEnv(service: ServiceName, ctx: ServiceEnvContext): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('HOGA_') && k !== 'DATABASE_URL' && k !== 'NATS_URL') base[k] = v;
  const em = ctx.emulator;
  const defaults: Record<ServiceName, Record<string, string>> = {
    'market-feed': {
      HOGA_MARKET_FEED__MARKETS: ctx.markets.join(','),
      HOGA_MARKET_FEED__UPBIT__WS_URL: em.wsUrl,
      HOGA_MARKET_FEED__UPBIT__REST_URL: em.url,
      HOGA_MARKET_FEED__CANDLES__INTERVALS: '1m',
    },
    'order-executor': {
      HOGA_UPBIT__BASE_URL: em.url,
      HOGA_UPBIT__WS_URL: em.privateWsUrl,
      HOGA_UPBIT__ACCESS_KEY: E2E_ACCESS_KEY,
      HOGA_UPBIT__SECRET_KEY: E2E_SECRET_KEY,
      HOGA_UPBIT__TIMEOUT_MS: '2000',
      HOGA_EXECUTOR__ACK_WAIT_MS: '5000',
      HOGA_EXECUTOR__POLL_INTERVAL_MS: '500',
      HOGA_EXECUTOR__LOOKUP_INTERVAL_MS: '200',
      HOGA_EXECUTOR__ABSENCE_AFTER_MS: '3000',
      HOGA_EXECUTOR__UNKNOWN_ALERT_AFTER_MS: '1000',
      HOGA_EXECUTOR__BALANCE_TTL_MS: '200',
      HOGA_EXECUTOR__ACCOUNT_PUBLISH_INTERVAL_MS: '1000',
    },
    'position-actor': {
      HOGA_POSITION_ACTOR__STATE_THROTTLE_MS: '100',
      HOGA_POSITION_ACTOR__LEASE_INTERVAL_MS: '500',
    },
    'risk-guard': { HOGA_RISK_GUARD__STATE_THROTTLE_MS: '200' },
    // any free port: the tests ask its `status` endpoint for the URL
    'dashboard-gateway': { HOGA_DASHBOARD_GATEWAY__PORT: '0' },
  };
  return {
    ...base,
    HOGA_NATS__URL: ctx.natsUrl,
    HOGA_DATABASE__URL: ctx.databaseUrl,
    ...defaults[service],
    ...ctx.overrides?.[service],
  };
}
