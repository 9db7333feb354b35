import pg from 'pg';
import { auditPostgres, isAuditSourceError, type AuditReport, type AuditScope } from '@hoga/audit';
import { IsoDateTime } from '@hoga/contracts';
import { Market, PositionId } from '@hoga/model';
import { CliError, ExitCode, usageError } from '../cli-error.js';
import type { Command, CommandContext } from '../command.js';
import { COULD_NOT_AUDIT, locateDatabase, redactUrl } from '../database-location.js';
import { renderAuditReport } from '../render/audit-report.js';

const SYNOPSIS = {
  position: 'audit position ID [--reference] [--json]',
  window: 'audit --from T --to T [--market M] [--reference] [--summary] [--json]',
  all: 'audit all [--reference] [--summary] [--json]',
};

/** Runs the audit of `scope` and prints it; exit 1 on a discrepancy, 2 when it cannot audit. */
async function runAudit(ctx: CommandContext, scope: AuditScope): Promise<void> {
  const { options, out } = ctx;
  const where = await locateDatabase(options, ctx.env, ctx.cwd);
  const pool = new pg.Pool({
    connectionString: where.url,
    max: 2,
    ...(where.schema === undefined ? {} : { options: `-c search_path="${where.schema}"` }),
  });
  pool.on('error', () => undefined);
  let report: AuditReport;
  try {
    report = await auditPostgres(pool, scope, {
      reference: options.reference,
      onProgress: (p) =>
        ctx.progress(
          `audit: ${p.events} events, ${p.streams}${p.totalStreams > 0 ? ` of ${p.totalStreams}` : ''} positions`,
        ),
    });
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
  if (options.json) out(JSON.stringify(report, null, 2));
  else for (const line of renderAuditReport(report, options.summary)) out(line);
  if (report.verdict !== 'clean')
    throw new CliError(
      ExitCode.failed,
      `audit found ${report.totals.discrepancies} discrepancy(ies): the ledger does not prove out`,
    );
}

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

const instant = (flag: string, value: string | undefined): string => {
  if (value === undefined) throw usageError(`usage: hoga ${SYNOPSIS.window}`);
  if (!IsoDateTime.is(value) || IsoDateTime.decode(value)._tag === 'Left')
    throw usageError(
      `${flag} takes an ISO-8601 time with its zone (2026-12-07T09:00:00+09:00 or ...Z), got ${value}`,
    );
  return new Date(value).toISOString();
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
    const from = instant('--from', options.from);
    const to = instant('--to', options.to);
    if (!(Date.parse(from) < Date.parse(to)))
      throw usageError(`--from must be before --to (from ${options.from}, to ${options.to})`);
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
  auditWindowCommand,
];
