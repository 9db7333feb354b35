import { configSources } from '@hoga/config';
import {
  hasChannels,
  loadRiskGuardConfig,
  start,
  type RiskGuardConnections,
  type RiskGuardService,
} from '@hoga/risk-guard';

/** risk-guard in the engine, and one banner line saying how it runs. */
export interface EngineRiskGuard {
  readonly service: RiskGuardService;
  readonly banner: string;
}

/**
 * Starts risk-guard on the engine's bus and event store through its own `start`, configured like
 * the service:
 * `HOGA_RISK_GUARD__LOSS_LIMIT_PCT` (default 10, `none` for no limit from config),
 * `HOGA_RISK_GUARD__ORDERS_PER_SECOND`, `HOGA_RISK_GUARD__WATCHDOG__*`, and `HOGA_NOTIFY__*` for
 * Telegram / webhook alerts (outbox in the engine's PostgreSQL). It rebuilds the trading state
 * from the `risk` stream and writes it to KV `hoga-risk`, so order-executor may trade.
 */
export async function startRiskGuard(deps: {
  readonly env: NodeJS.ProcessEnv;
  /** What the engine decides on top of risk-guard's own config (database and NATS URLs). */
  readonly config: object;
  readonly connections: RiskGuardConnections;
}): Promise<EngineRiskGuard> {
  const { env, config: decided } = deps;
  const config = loadRiskGuardConfig(configSources({ env, config: decided }));
  const service = await start({ env, config: decided, connections: deps.connections });
  const { riskGuard } = config;
  const notify = hasChannels(config.notify) ? config.notify : undefined;
  const { state } = service.guard;
  const limit = state.lossLimit;
  const pct = riskGuard.lossLimitPct;
  const limitNote =
    limit !== null
      ? `loss limit ${limit.ratePct.toString()}% (${limit.armed ? 'armed' : 'fired'})`
      : pct !== null
        ? `loss limit ${pct.toString()}% from config, armed on the first account state`
        : 'no loss limit';
  const alerts =
    service.notifier !== undefined
      ? `alerts to ${[
          ...(notify?.telegram
            ? [`Telegram (${String(notify.telegram.chatIds.length)} chats)`]
            : []),
          ...(notify?.webhook ? ['webhook'] : []),
        ].join(' + ')}`
      : 'alerts on hoga.alert.* only (no HOGA_NOTIFY__*)';
  return {
    service,
    banner: `trading ${state.tradingState}; ${limitNote}; ${alerts}`,
  };
}
