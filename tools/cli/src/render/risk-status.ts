import type { OkReply } from '../ops-client.js';
import { cell, renderTable } from './table.js';

type Risk = OkReply<'risk-guard', 'status'>['risk'];

/** The risk guard's view as `name  value` lines. */
export function renderRiskStatus(risk: Risk): string[] {
  const limit = risk.lossLimit;
  return renderTable(
    ['TRADING', risk.state],
    [
      ['reason', risk.reason],
      ['since', cell(risk.since)],
      [
        'loss limit',
        limit === null
          ? 'none'
          : `${limit.ratePct.toString()}% of ${limit.equityAtArming.toString()} KRW` +
            ` (${limit.armed ? 'armed' : 'fired'} ${limit.armedAt})`,
      ],
      ['loss now', risk.evaluation === null ? '-' : `${risk.evaluation.lossRatePct.toString()}%`],
      ['unrealized PnL (KRW)', risk.unrealizedPnlKrw.toString()],
      ['exposure (KRW)', risk.exposureKrw.toString()],
      ['holding positions', String(risk.holdingPositions)],
    ],
  );
}
