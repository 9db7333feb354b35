import type { OperatorCommand, RiskAudit } from '@hoga/audit';
import { findingLine } from './audit-report.js';
import { cell, renderTable } from './table.js';

/** The risk stream's timeline (who, why, figures), its findings and the verdict. */
export function renderRiskAudit(audit: RiskAudit): string[] {
  const rows = audit.timeline.map((e) => [
    String(e.version),
    e.at,
    e.type,
    cell(e.change),
    cell(e.by),
    cell(e.reason),
    Object.entries(e.figures)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || '-',
  ]);
  const discrepancies = audit.findings.filter((f) => f.severity === 'discrepancy').length;
  return [
    ...(rows.length === 0
      ? ['no risk events']
      : renderTable(['V', 'AT', 'EVENT', 'CHANGE', 'BY', 'REASON', 'FIGURES'], rows)),
    ...audit.findings.map((f) => `  ${findingLine(f)}`),
    '',
    discrepancies === 0
      ? `audit risk: clean — ${audit.timeline.length} event(s)`
      : `audit risk: ${discrepancies} discrepancy(ies) in ${audit.timeline.length} event(s)`,
  ];
}

/** Every operator command: when, who, what, on what, why, the command id and the result. */
export function renderOperatorCommands(commands: readonly OperatorCommand[]): string[] {
  if (commands.length === 0) return ['no operator commands'];
  return renderTable(
    ['AT', 'BY', 'COMMAND', 'TARGET', 'REASON', 'COMMAND ID', 'RESULT'],
    commands.map((c) => [
      c.at,
      c.by,
      c.command,
      `${c.target}@${c.version}`,
      cell(c.reason),
      cell(c.commandId),
      c.result,
    ]),
  );
}
