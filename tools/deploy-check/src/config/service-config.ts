import { loadConfig } from '@hoga/config';
import type { OpsService } from '@hoga/contracts';
import { loadGatewayConfig } from '@hoga/dashboard-gateway';
import { loadMarketFeedConfig } from '@hoga/market-feed';
import { loadExecutorConfig } from '@hoga/order-executor';
import { DEFAULT_CONFIG as ACTOR_DEFAULTS, PositionActorConfig } from '@hoga/position-actor';
import { DEFAULT_CONFIG as GUARD_DEFAULTS, RiskGuardConfig } from '@hoga/risk-guard';

/** Each service's own config loader (defaults <- `HOGA_*`), as its `main.ts` runs it. */
export const LOADERS: Readonly<Record<OpsService, (env: NodeJS.ProcessEnv) => unknown>> = {
  'market-feed': (env) => loadMarketFeedConfig({ env }),
  'position-actor': (env) => loadConfig(PositionActorConfig, { defaults: ACTOR_DEFAULTS, env }),
  'order-executor': (env) => loadExecutorConfig({ env }),
  'risk-guard': (env) => loadConfig(RiskGuardConfig, { defaults: GUARD_DEFAULTS, env }),
  'dashboard-gateway': (env) => loadGatewayConfig({ env }),
};

/**
 * Variables a process reads beside its config: `HOGA_TRACING__*` (`tracingConfigFromEnv` of
 * `@hoga/telemetry`, checked on its own).
 */
export const READ_OUTSIDE_CONFIG = ['HOGA_TRACING__'];

/**
 * The `HOGA_*` variables the loaded config does not hold: a misspelt name is dropped by the
 * config's exact codecs, so it is missing from the decoded config (`A__B_C` is `a.bC`).
 */
export function ignoredVariables(config: unknown, env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((k) => k.startsWith('HOGA_') && !READ_OUTSIDE_CONFIG.some((p) => k.startsWith(p)))
    .filter((k) => {
      const path = k
        .slice('HOGA_'.length)
        .split('__')
        .map((p) => p.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
      let at: unknown = config;
      for (const p of path) {
        if (typeof at !== 'object' || at === null || !(p in at)) return true;
        at = (at as Record<string, unknown>)[p];
      }
      return at === undefined;
    });
}
