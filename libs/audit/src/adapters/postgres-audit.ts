import type pg from 'pg';
import { eventStreams } from '@hoga/contracts';
import { type AuditReport, type AuditScope, withStoreFindings } from '../core/audit-run.js';
import { findingAcknowledgements, operatorCommands, type OperatorCommand } from '../core/ops.js';
import { riskAuditIn, type RiskAudit } from '../core/risk-replay.js';
import { windowProblem, type TimeWindow } from '../core/time-window.js';
import { AuditSourceError } from './audit-source.error.js';
import { inSnapshot } from './audit-snapshot.js';
import type { PostgresAuditOptions } from './postgres-audit.options.js';
import { readPositions } from './read-positions.js';
import { readRisk } from './read-risk.js';

export type { AuditProgress, PostgresAuditOptions } from './postgres-audit.options.js';

/** Refuses a reversed or unreadable window before anything is read (`bad-scope`). */
function assertWindow(window: TimeWindow | null): void {
  const problem = window === null ? null : windowProblem(window);
  if (problem !== null) throw new AuditSourceError('bad-scope', problem);
}

/**
 * Audits hoga's PostgreSQL store (the connection's `search_path` schema) in one read-only
 * repeatable-read snapshot: reads the position streams in scope, folds them (`AuditRun`), reads
 * order-executor's orders and trades of those positions, and returns the report (scope `all`:
 * with the `risk` stream's findings, its hash chain included, among the store's). Throws
 * `AuditSourceError` when it cannot audit (not hoga's database, no such position, a reversed
 * window, a row it cannot read, a database error).
 */
export const auditPostgres = (
  pool: pg.Pool,
  scope: AuditScope,
  options: PostgresAuditOptions = {},
): Promise<AuditReport> =>
  inSnapshot(pool, async (snapshot) => {
    const report = await readPositions(snapshot, scope, options);
    // `audit all` proves the whole store: the risk stream's checks and hash chain too.
    if (scope.kind !== 'all') return report;
    return withStoreFindings(report, (await readRisk(snapshot)).findings);
  });

/**
 * Audits the `risk` stream: every trading-state transition, breach figures, who and why, and its
 * hash chain. With `window`, the timeline holds the events recorded in it (checked whole).
 */
export const auditRiskPostgres = (
  pool: pg.Pool,
  window: TimeWindow | null = null,
): Promise<RiskAudit> => {
  assertWindow(window);
  return inSnapshot(pool, async (snapshot) => riskAuditIn(await readRisk(snapshot), window));
};

/** Every operator command of the store, and the audits it comes from (one snapshot). */
export interface OpsAudit {
  readonly commands: readonly OperatorCommand[];
  readonly positions: AuditReport;
  readonly risk: RiskAudit;
}

/**
 * Audits every position and the risk stream, and lists every operator command in them and the
 * acknowledgements of the account watch's findings (`account-findings` stream). With
 * `window`: the positions with events recorded in it (each whole) and the commands recorded in it.
 */
export const auditOpsPostgres = (
  pool: pg.Pool,
  options: PostgresAuditOptions = {},
  window: TimeWindow | null = null,
): Promise<OpsAudit> => {
  assertWindow(window);
  const scope: AuditScope =
    window === null ? { kind: 'all' } : { kind: 'window', ...window, market: null };
  return inSnapshot(pool, async (snapshot) => {
    const positions = await readPositions(snapshot, scope, options);
    const risk = riskAuditIn(await readRisk(snapshot), window);
    const acks = findingAcknowledgements(
      await snapshot.store.readStream(eventStreams.accountFindings),
    );
    return {
      commands: operatorCommands(positions.positions, risk, window, acks),
      positions,
      risk,
    };
  });
};
