import { formatKrw, type Decimal } from '@hoga/model';
import type { OkReply } from '../ops-client.js';
import { cell, renderTable } from './table.js';

type Status = OkReply<'risk-guard', 'status'>;

/** How many of the kept transitions the text view shows (`--json` has all of them). */
export const TRANSITIONS_SHOWN = 5;

/** The latest transitions, newest first, as a table; one line when there are none. */
function renderTransitions(transitions: Status['lastTransitions']): string[] {
  if (transitions.length === 0) return ['no transitions yet'];
  const newestFirst = transitions.slice(-TRANSITIONS_SHOWN).reverse();
  return renderTable(
    ['AT', 'FROM', 'TO', 'BY', 'REASON'],
    newestFirst.map((t) => [t.at, t.from, t.to, t.by, t.reason.replace(/\s+/g, ' ')]),
  );
}

/**
 * How the equity moved since arming, split (ADR 0027): hoga's PnL since arming (the loss limit's
 * own figure) and the rest — deposits, withdrawals, trades made outside hoga and the price of
 * coins hoga does not manage — which never counts toward the loss. Null when not computable.
 */
export function equitySplit(status: Status): { hoga: Decimal; outside: Decimal } | null {
  const { lossLimit, evaluation } = status.risk;
  if (status.equityKrw === null || lossLimit === null || evaluation === null) return null;
  const change = status.equityKrw.minus(lossLimit.equityAtArming);
  return { hoga: evaluation.pnlSinceArming, outside: change.minus(evaluation.pnlSinceArming) };
}

/** Every KRW figure of the text view: whole won with separators (`--json` keeps them exact). */
const krw = (amount: Decimal): string => formatKrw(amount, 'en');

function equitySplitRows(status: Status): string[][] {
  const split = equitySplit(status);
  if (split === null) return [];
  return [
    ['hoga PnL since arming', krw(split.hoga)],
    ['not from hoga', `${krw(split.outside)} (deposits, withdrawals, trades outside hoga)`],
  ];
}

/**
 * The risk guard's view as `name  value` lines — conditions that keep trading from working
 * (lost exchange access, quiet markets) in capitals, the last line names the instance that
 * answered (the leader) and since when it leads — then the last transitions (newest first).
 */
export function renderRiskStatus(status: Status): string[] {
  const { risk, leader } = status;
  const limit = risk.lossLimit;
  return [
    ...renderTable(
      ['TRADING', risk.state],
      [
        ['reason', risk.reason],
        ['since', cell(risk.since)],
        ['equity', status.equityKrw === null ? 'unknown' : krw(status.equityKrw)],
        [
          'loss limit',
          limit === null
            ? 'none'
            : `${limit.ratePct.toString()}% of ${krw(limit.equityAtArming)}` +
              ` (${limit.armed ? 'armed' : 'fired'} ${limit.armedAt})`,
        ],
        ['loss now', risk.evaluation === null ? '-' : `${risk.evaluation.lossRatePct.toString()}%`],
        ...equitySplitRows(status),
        ['unrealized PnL', krw(risk.unrealizedPnlKrw)],
        ['exposure', krw(risk.exposureKrw)],
        ['holding positions', String(risk.holdingPositions)],
        ...(risk.conditions ?? []).map((c) => [
          c.kind === 'exchange-access' ? 'EXCHANGE ACCESS' : 'QUIET MARKETS',
          `${c.reason} (since ${c.since}${c.markets.length > 0 ? `; ${c.markets.join(', ')}` : ''})`,
        ]),
        ['leader', `${leader.instanceId} (since ${leader.since})`],
      ],
    ),
    '',
    ...renderTransitions(status.lastTransitions),
  ];
}
