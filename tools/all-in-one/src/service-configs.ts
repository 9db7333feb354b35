import { ConfigError, configSources, isConfigError } from '@hoga/config';
import { loadGatewayConfig } from '@hoga/dashboard-gateway';
import { loadMarketFeedConfig } from '@hoga/market-feed';
import { loadExecutorConfig } from '@hoga/order-executor';
import { loadPositionActorConfig } from '@hoga/position-actor';
import { loadRiskGuardConfig } from '@hoga/risk-guard';

/**
 * Each service's own loader, on the engine's environment and `HOGA_CONFIG` file, as its `start`
 * reads them (defaults live only in the services).
 */
const LOADERS: readonly (readonly [string, (env: NodeJS.ProcessEnv) => unknown])[] = [
  ['risk-guard', (env) => loadRiskGuardConfig(configSources({ env }))],
  ['market-feed', (env) => loadMarketFeedConfig(configSources({ env }))],
  ['order-executor', (env) => loadExecutorConfig(configSources({ env }))],
  ['position-actor', (env) => loadPositionActorConfig(configSources({ env }))],
  ['dashboard-gateway', (env) => loadGatewayConfig(configSources({ env }))],
];

/**
 * The variables of what the all-in-one decides itself (the database, NATS, the exchange's URLs
 * and keys, where market-feed reads from): it sets them on top of each service's config where the
 * service starts, so a value here is not the service's to check.
 */
const DECIDED = [
  'HOGA_NATS__',
  'HOGA_DATABASE__',
  'HOGA_MARKET_FEED__SOURCE',
  'HOGA_MARKET_FEED__MARKETS',
  'HOGA_MARKET_FEED__UPBIT__WS_URL',
  'HOGA_MARKET_FEED__UPBIT__REST_URL',
  'HOGA_UPBIT__BASE_URL',
  'HOGA_UPBIT__WS_URL',
  'HOGA_UPBIT__ACCESS_KEY',
  'HOGA_UPBIT__SECRET_KEY',
];

const withoutDecided = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(env).filter(([key]) => !DECIDED.some((decided) => key.startsWith(decided))),
  );

/**
 * Reads every service's config through the service's own loader before anything starts, so a
 * bad `HOGA_*` value stops `npm start` at once with a `ConfigError` naming the service and the
 * variable (`position-actor: invalid configuration: positionActor.feeRate
 * (HOGA_POSITION_ACTOR__FEE_RATE) expected Decimal`). Each service loads it again where it
 * starts, with only what the all-in-one decides on top (database and NATS URLs, ports, the
 * exchange's URLs and keys).
 */
export function checkServiceConfigs(env: NodeJS.ProcessEnv): void {
  const own = withoutDecided(env);
  for (const [service, load] of LOADERS) {
    try {
      load(own);
    } catch (error) {
      if (isConfigError(error)) throw new ConfigError(`${service}: ${error.message}`, error);
      throw error;
    }
  }
}
