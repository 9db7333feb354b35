import type { AuditReport, Finding, PositionAudit } from '@hoga/audit';
import { cell, renderTable } from './table.js';

const TIMELINE_HEADER = [
  'V',
  'AT',
  'EVENT',
  'STATE',
  'PRICE',
  'VOLUME',
  'KRW',
  'FEE',
  'BY',
  'DETAIL',
];
const SUMMARY_HEADER = [
  'POSITION',
  'MARKET',
  'STATUS',
  'EVENTS',
  'FILLS',
  'REALIZED (EVENTS)',
  'REALIZED (TRADES)',
  'FEES',
  'DUST',
  'DISCREPANCIES',
  'NOTES',
];

/** One finding as a line: `✗` a discrepancy, `·` a note; the check, the version, the sentence. */
export const findingLine = (f: Finding): string =>
  `${f.severity === 'discrepancy' ? '✗' : '·'} ${f.check}${f.version === null ? '' : ` @${f.version}`}: ${f.message}`;

/** A position's heading, timeline (a refused event is marked `!`) and findings. */
export function renderPosition(p: PositionAudit): string[] {
  const s = p.summary;
  const heading =
    `position ${s.positionId}  ${s.market ?? '?'}  ${s.strategyId ?? '?'}  ${s.status}` +
    (s.closeReason === null ? '' : ` (${s.closeReason})`);
  const rows = p.timeline.map((e) => [
    `${e.version}${e.refused ? '!' : ''}`,
    e.at,
    e.type,
    e.stateAfter,
    cell(e.price),
    cell(e.volume),
    cell(e.krw),
    cell(e.fee),
    cell(e.by),
    cell(e.detail),
  ]);
  return [
    heading,
    ...renderTable(TIMELINE_HEADER, rows).map((l) => `  ${l}`),
    ...(p.findings.length === 0 ? ['  no findings'] : p.findings.map((f) => `  ${findingLine(f)}`)),
    '',
  ];
}

/** The summary table, the findings across positions, and the verdict. */
export function renderSummary(report: AuditReport): string[] {
  const rows = report.positions.map(({ summary: s }) => [
    s.positionId,
    cell(s.market),
    s.closeReason === null ? s.status : `${s.status} (${s.closeReason})`,
    String(s.events),
    String(s.fills),
    s.realizedPnlKrw,
    s.tradesPnlKrw,
    s.feesKrw,
    cell(s.dustVolume),
    String(s.discrepancies),
    String(s.notes),
  ]);
  const t = report.totals;
  const affected = report.positions.filter((p) => p.summary.discrepancies > 0).length;
  return [
    ...(rows.length === 0 ? ['no positions in scope'] : renderTable(SUMMARY_HEADER, rows)),
    ...(report.findings.length === 0
      ? []
      : ['', 'across positions:', ...report.findings.map((f) => `  ${findingLine(f)}`)]),
    '',
    report.verdict === 'clean'
      ? `audit: clean — ${t.positions} position(s), ${t.events} event(s)${report.reference ? ' (cross-checked with xstate)' : ''}; ` +
        `realized PnL ${t.realizedPnlKrw} KRW = order-executor's trades ${t.tradesPnlKrw} KRW; ${t.notes} note(s)`
      : `audit: ${t.discrepancies} discrepancy(ies) in ${affected} of ${t.positions} position(s)` +
        (report.findings.some((f) => f.severity === 'discrepancy') ? ' and across positions' : '') +
        `, ${t.events} event(s); realized PnL ${t.realizedPnlKrw} KRW from the events, ${t.tradesPnlKrw} KRW from the trades`,
  ];
}

/** A position's findings alone (no timeline), or nothing when it has none. */
const positionFindings = (p: PositionAudit): string[] =>
  p.findings.length === 0
    ? []
    : [`position ${p.summary.positionId}`, ...p.findings.map((f) => `  ${findingLine(f)}`), ''];

/**
 * The whole report as text: each position's timeline and findings (`summaryOnly`: its findings
 * only), then the summary.
 */
export const renderAuditReport = (report: AuditReport, summaryOnly: boolean): string[] => [
  ...report.positions.flatMap(summaryOnly ? positionFindings : renderPosition),
  ...renderSummary(report),
];
