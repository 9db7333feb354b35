import { formatKrw } from '@hoga/model';
import type { OkReply } from '../ops-client.js';
import { cell, renderTable } from './table.js';

type Status = OkReply<'order-executor', 'account'>;
type View = Status['findings'][number];

const oneLine = (s: string): string => s.replace(/\s+/g, ' ');

/**
 * What a finding is about, in one cell: `bid limit 0.01 @ 95,000,000 KRW` or `missing 0.5 BTC`
 * (an order hoga did not place: its price exactly as Upbit has it).
 */
function what(v: View): string {
  const f = v.finding;
  if (f.drift !== null)
    return `missing ${f.drift.missingVolume.toString()} ${f.drift.currency} (exchange ${f.drift.exchangeVolume.toString()}, hoga ${f.drift.hogaVolume.toString()})`;
  const price = f.price === null ? '' : ` @ ${formatKrw(f.price, 'en', 'exact')}`;
  const executed = f.executedVolume === null ? '' : `, executed ${f.executedVolume.toString()}`;
  return `${f.side ?? '?'} ${f.ordType ?? ''} ${cell(f.volume)}${price}${executed}`;
}

/** Whether it was acknowledged (by whom, why) and what its policy did. */
function outcome(v: View): string {
  const acted = v.action === null ? '' : `${v.action.action} -> ${v.action.tradingState}; `;
  return v.acknowledged === null
    ? `${acted}open`
    : `${acted}acked by ${v.acknowledged.issuedBy}: ${oneLine(v.acknowledged.reason)}`;
}

/**
 * The account watch's view: the summary lines, the findings (id, kind, market, what, state,
 * when, outcome), the foreign trades kept apart from hoga's PnL and the holdings check.
 */
export function renderAccountStatus(status: Status): string[] {
  const lines = renderTable(
    [
      'ACCOUNT',
      status.openFindings === 0 ? 'no open findings' : `${status.openFindings} open finding(s)`,
    ],
    [
      ['checked at', cell(status.checkedAt)],
      [
        'policy',
        `foreign order: ${status.policy.foreignOrder}, balance drift: ${status.policy.balanceDrift}`,
      ],
    ],
  );
  if (status.findings.length > 0)
    lines.push(
      '',
      ...renderTable(
        ['FINDING', 'KIND', 'MARKET', 'WHAT', 'STATE', 'PLACED', 'DETECTED', 'OUTCOME'],
        status.findings.map((v) => [
          v.finding.findingId,
          v.finding.kind,
          v.finding.market,
          what(v),
          v.finding.state,
          cell(v.finding.placedAt),
          v.finding.detectedAt,
          outcome(v),
        ]),
      ),
    );
  if (status.foreignTrades.length > 0)
    lines.push(
      '',
      "foreign trades (not hoga's PnL):",
      ...renderTable(
        ['MARKET', 'BOUGHT', 'BOUGHT FOR', 'SOLD', 'SOLD FOR'],
        status.foreignTrades.map((t) => [
          t.market,
          t.boughtVolume.toString(),
          formatKrw(t.boughtKrw, 'en'),
          t.soldVolume.toString(),
          formatKrw(t.soldKrw, 'en'),
        ]),
      ),
    );
  if (status.holdings.length > 0)
    lines.push(
      '',
      ...renderTable(
        ['MARKET', 'EXCHANGE', 'HOGA', 'UNMANAGED'],
        status.holdings.map((h) => [
          h.market,
          h.exchangeVolume.toString(),
          h.hogaVolume.toString(),
          h.unmanagedVolume.toString(),
        ]),
      ),
    );
  return lines;
}
