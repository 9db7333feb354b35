/**
 * @hoga/audit — replays stored position events through the position machine and proves the
 * ledger against order-executor's records. `core/` is pure (fold, timeline, checks, report);
 * `adapters/` read PostgreSQL. See README.md for every check.
 */
export * from './core/finding.js';
export * from './core/timeline.js';
export * from './core/executor-records.js';
export { PositionReplay, type StoredFill, type StoredIntent } from './core/position-replay.js';
export {
  auditPosition,
  type PositionAudit,
  type PositionAuditInputs,
  type PositionSummary,
} from './core/position-audit.js';
export {
  AuditRun,
  auditExitCode,
  withStoreFindings,
  type AuditInputs,
  type AuditOptions,
  type AuditReport,
  type AuditScope,
} from './core/audit-run.js';
export * from './core/risk-replay.js';
export * from './core/ops.js';
export * from './core/time-window.js';
export {
  auditPostgres,
  auditRiskPostgres,
  auditOpsPostgres,
  type OpsAudit,
  type AuditProgress,
  type PostgresAuditOptions,
} from './adapters/postgres-audit.js';
export {
  AuditSourceError,
  isAuditSourceError,
  type AuditSourceReason,
} from './adapters/audit-source.error.js';
export * from './core/exchange-records.js';
export { exchangeOrderChecks, secondExchangeOrders } from './core/checks/exchange.checks.js';
export {
  UpbitExchangeReader,
  exchangeReaderAt,
  type ExchangeReader,
} from './adapters/upbit-exchange.reader.js';
export { auditExchange, type ExchangeProgress } from './adapters/postgres-exchange-audit.js';
