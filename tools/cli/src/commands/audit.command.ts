import pg from 'pg';
import {
  auditExchange,
  auditOpsPostgres,
  auditPostgres,
  auditRiskPostgres,
  isAuditSourceError,
  exchangeReaderAt,
  withStoreFindings,
  type AuditReport,
  type AuditScope,
  type TimeWindow,
} from '@hoga/audit';
import { IsoDateTime } from '@hoga/contracts';
import { Market, PositionId } from '@hoga/model';
import { locateExchange, type ExchangeLocation } from '../audit-exchange-location.js';
import { ProgressBar } from '../audit-progress.js';
import { CliError, ExitCode, usageError } from '../cli-error.js';
import type { Command, CommandContext } from '../command.js';
import { COULD_NOT_AUDIT, locateDatabase, redactUrl } from '../database-location.js';
import { findingLine, renderAuditReport } from '../render/audit-report.js';
import { renderOperatorCommands, renderRiskAudit } from '../render/audit-risk-ops.js';

const SYNOPSIS = {
  position: 'audit position ID [--reference] [--exchange] [--json]',
  window: 'audit --from T --to T [--market M] [--reference] [--exchange] [--summary] [--json]',
  all: 'audit all [--reference] [--exchange] [--summary] [--json]',
  risk: 'audit risk [--from T --to T] [--json]',
  ops: 'audit ops [--from T --to T] [--json]',
};

/** Opens hoga's database, runs `read` on it; an `AuditSourceError` becomes exit 2 with why. */
async function withDatabase<A>(
  ctx: CommandContext,
  read: (pool: pg.Pool) => Promise<A>,
): Promise<A> {
  const where = await locateDatabase(ctx.options, ctx.env, ctx.cwd);
  const pool = new pg.Pool({
    connectionString: where.url,
    max: 2,
    ...(where.schema === undefined ? {} : { options: `-c search_path="${where.schema}"` }),
  });
  pool.on('error', () => undefined);
  try {
    return await read(pool);
  } catch (error) {
    if (!isAuditSourceError(error)) throw error;
    throw new CliError(
      COULD_NOT_AUDIT,
      `could not audit (${error.reason}): ${error.message}\n  database: ${redactUrl(where.url)} (from ${where.source})`,
    );
  } finally {
    ctx.progress(null);
    await pool.end();
  }
}

/** Exit 1 when `discrepancies` > 0 (after the report was printed). */
function failOn(discrepancies: number): void {
  if (discrepancies > 0)
    throw new CliError(
      ExitCode.failed,
      `audit found ${discrepancies} discrepancy(ies): the ledger does not prove out`,
    );
}

/**
 * `--exchange`: each order of the report's positions against the exchange's record of it, and the
 * exchange's orders of their span for a second order of one intent; exit 2 when the exchange
 * cannot be reached or refuses the keys (the keys never printed).
 */
async function compareWithExchange(
  pool: pg.Pool,
  report: AuditReport,
  where: ExchangeLocation,
  bar: ProgressBar,
): Promise<AuditReport> {
  const reader = exchangeReaderAt(where.baseUrl, where.credentials);
  bar.stage('exchange', 'orders');
  const positionIds = report.positions.map((p) => p.summary.positionId);
  try {
    const findings = await auditExchange(pool, positionIds, reader, (p) =>
      bar.update(p.done, p.total),
    );
    return withStoreFindings(report, findings);
  } catch (error) {
    if (isAuditSourceError(error) && error.reason.startsWith('exchange'))
      throw new CliError(
        COULD_NOT_AUDIT,
        `could not audit (${error.reason}): ${error.message}\n  exchange: ${where.baseUrl} (from ${where.source})`,
      );
    throw error;
  }
}

/** Runs the audit of `scope` and prints it; exit 1 on a discrepancy, 2 when it cannot audit. */
async function runAudit(ctx: CommandContext, scope: AuditScope): Promise<void> {
  const { options, out } = ctx;
  const exchange = options.exchange ? await locateExchange(ctx.env, ctx.cwd) : null;
  const bar = new ProgressBar(ctx.progress);
  bar.stage('audit', 'events');
  const report: AuditReport = await withDatabase(ctx, async (pool) => {
    const audited = await auditPostgres(pool, scope, {
      reference: options.reference,
      // Timelines only where they are printed: `--summary` text prints none (`--json` all).
      timelines: options.json || !options.summary,
      onProgress: (p) => bar.update(p.events, p.totalEvents ?? 0),
    });
    return exchange === null ? audited : compareWithExchange(pool, audited, exchange, bar);
  });
  if (options.json) out(JSON.stringify(report, null, 2));
  else for (const line of renderAuditReport(report, options.summary)) out(line);
  failOn(report.totals.discrepancies);
}

const instant = (flag: string, value: string | undefined, synopsis: string): string => {
  if (value === undefined) throw usageError(`usage: hoga ${synopsis}`);
  if (!IsoDateTime.is(value) || IsoDateTime.decode(value)._tag === 'Left')
    throw usageError(
      `${flag} takes an ISO-8601 time with its zone (2026-12-07T09:00:00+09:00 or ...Z), got ${value}`,
    );
  return new Date(value).toISOString();
};

/** `--from T --to T` as a window (from before to), else a usage error (exit 2). */
function windowOf(ctx: CommandContext, synopsis: string): TimeWindow {
  const { options } = ctx;
  const from = instant('--from', options.from, synopsis);
  const to = instant('--to', options.to, synopsis);
  if (!(Date.parse(from) < Date.parse(to)))
    throw usageError(`--from must be before --to (from ${options.from}, to ${options.to})`);
  return { from, to };
}

/** The window when `--from` or `--to` is given (then both must be), else null (everything). */
const optionalWindow = (ctx: CommandContext, synopsis: string): TimeWindow | null =>
  ctx.options.from === undefined && ctx.options.to === undefined ? null : windowOf(ctx, synopsis);

/** `hoga audit risk`: every trading-state transition, breach figures, who and why. */
export const auditRiskCommand: Command = {
  words: ['audit', 'risk'],
  synopsis: SYNOPSIS.risk,
  summary: 'replay the risk stream: transitions, breaches, who and why',
  async run(ctx) {
    if (ctx.operands.length > 0) throw usageError(`usage: hoga ${SYNOPSIS.risk}`);
    const window = optionalWindow(ctx, SYNOPSIS.risk);
    const audit = await withDatabase(ctx, (pool) => auditRiskPostgres(pool, window));
    if (ctx.options.json) ctx.out(JSON.stringify(audit, null, 2));
    else for (const line of renderRiskAudit(audit)) ctx.out(line);
    failOn(audit.findings.filter((f) => f.severity === 'discrepancy').length);
  },
};

/** `hoga audit ops`: every operator command (who, what, when, result). */
export const auditOpsCommand: Command = {
  words: ['audit', 'ops'],
  synopsis: SYNOPSIS.ops,
  summary: 'every operator command: who, what, when, on what, result',
  async run(ctx) {
    if (ctx.operands.length > 0) throw usageError(`usage: hoga ${SYNOPSIS.ops}`);
    const window = optionalWindow(ctx, SYNOPSIS.ops);
    const ops = await withDatabase(ctx, (pool) => auditOpsPostgres(pool, {}, window));
    const findings = [
      ...ops.positions.positions.flatMap((p) => p.findings),
      ...ops.positions.findings,
      ...ops.risk.findings,
    ].filter((f) => f.severity === 'discrepancy');
    if (ctx.options.json)
      ctx.out(JSON.stringify({ commands: ops.commands, discrepancies: findings }, null, 2));
    else {
      for (const line of renderOperatorCommands(ops.commands)) ctx.out(line);
      if (findings.length > 0) {
        ctx.out('');
        ctx.out('the audits these commands come from found:');
        for (const f of findings)
          ctx.out(`  ${f.positionId === null ? '' : `${f.positionId} `}${findingLine(f)}`);
      }
    }
    failOn(findings.length);
  },
};

/** `hoga audit position ID`: one position's timeline and checks. */
export const auditPositionCommand: Command = {
  words: ['audit', 'position'],
  synopsis: SYNOPSIS.position,
  summary: "replay one position's events and prove it against the trades",
  async run(ctx) {
    const [id, ...rest] = ctx.operands;
    if (id === undefined || rest.length > 0) throw usageError(`usage: hoga ${SYNOPSIS.position}`);
    if (!PositionId.is(id)) throw usageError(`not a position id: ${id}`);
    await runAudit(ctx, { kind: 'position', positionId: id });
  },
};

/** `hoga audit all`: every position of the store. */
export const auditAllCommand: Command = {
  words: ['audit', 'all'],
  synopsis: SYNOPSIS.all,
  summary: 'replay every position and prove the whole ledger',
  async run(ctx) {
    if (ctx.operands.length > 0) throw usageError(`usage: hoga ${SYNOPSIS.all}`);
    await runAudit(ctx, { kind: 'all' });
  },
};

/** `hoga audit --from T --to T [--market M]`: the positions with events in a time window. */
export const auditWindowCommand: Command = {
  words: ['audit'],
  synopsis: SYNOPSIS.window,
  summary: 'replay the positions with events recorded in [from, to)',
  async run(ctx) {
    const { operands, options } = ctx;
    if (operands.length > 0)
      throw usageError(
        `unknown audit: ${operands.join(' ')}\nusage: hoga ${SYNOPSIS.position}\n       hoga ${SYNOPSIS.window}\n       hoga ${SYNOPSIS.all}`,
      );
    const { from, to } = windowOf(ctx, SYNOPSIS.window);
    const market = options.market ?? null;
    if (market !== null && !Market.is(market))
      throw usageError(`not a market: ${market} (KRW-BTC, KRW-ETH, ...)`);
    await runAudit(ctx, { kind: 'window', from, to, market });
  },
};

/** The audit commands, most specific first (`audit` alone matches last). */
export const auditCommands: readonly Command[] = [
  auditPositionCommand,
  auditAllCommand,
  auditRiskCommand,
  auditOpsCommand,
  auditWindowCommand,
];
