/**
 * @hoga/risk-guard — portfolio PnL against the global loss limit: the trading state
 * (ACTIVE | REDUCING | HALTED) in the `risk` stream and KV `hoga-risk`, halts, alerts, watchdog.
 */
export { start } from './service.js';
export type { RiskGuardConnections, RiskGuardOptions, RiskGuardService } from './service.js';
export { RiskGuardConfig, DEFAULT_CONFIG, WatchdogAction, loadRiskGuardConfig } from './config.js';
export type { RiskGuard } from './app/risk-guard.js';
export type { CommandOutcome, GuardRefusal } from './app/risk-writer.js';
export { equityOf, type Equity } from './domain/equity.js';
export { RISK_STREAM_ID } from './adapters/risk-stream.js';
export { RISK_GUARD_LEASE_CLASS, leaderLease } from './adapters/leader-lease.js';
export {
  startAlertNotifier,
  ALERT_CONSUMER,
  type AlertNotifier,
  type NotifierSettings,
} from './app/notifier/alert-notifier.js';
export { NotifySettings, hasChannels } from './app/notifier/notify-settings.js';
