import type { Decimal } from '@hoga/model';
import { addTrade, EMPTY_CONTEXT, NO_TRADES, realizedPnl, type Totals } from '@hoga/position';
import type { ExecutorTrade } from '../executor-records.js';
import { discrepancy, note, type Finding } from '../finding.js';
import type { StoredFill } from '../position-replay.js';

const FIELDS = ['price', 'volume', 'funds', 'fee'] as const;

/** fill-matches-trade: every fill event equals the `trades` row of its trade uuid. */
export function fillsMatchTrades(
  positionId: string,
  fills: readonly StoredFill[],
  tradesByUuid: ReadonlyMap<string, ExecutorTrade>,
): Finding[] {
  const findings: Finding[] = [];
  for (const { version, fill } of fills) {
    const trade = tradesByUuid.get(fill.tradeUuid);
    if (trade === undefined) {
      findings.push(
        discrepancy(
          'fill-matches-trade',
          positionId,
          `fill of trade ${fill.tradeUuid} (version ${version}) has no row in order-executor's trades`,
          { tradeUuid: fill.tradeUuid, orderId: fill.orderId, funds: fill.funds.toString() },
          version,
        ),
      );
      continue;
    }
    const differing = FIELDS.filter((f) => !fill[f].eq(trade[f]));
    if (trade.orderId !== fill.orderId || differing.length > 0)
      findings.push(
        discrepancy(
          'fill-matches-trade',
          positionId,
          `fill of trade ${fill.tradeUuid} (version ${version}) differs from its trades row in ` +
            [
              ...(trade.orderId !== fill.orderId
                ? [`order (event ${fill.orderId}, trades ${trade.orderId})`]
                : []),
              ...differing.map(
                (f) => `${f} (event ${fill[f].toString()}, trades ${trade[f].toString()})`,
              ),
            ].join(', '),
          Object.fromEntries([
            ['tradeUuid', fill.tradeUuid],
            ['orderEvent', fill.orderId],
            ['orderTrade', trade.orderId],
            ...differing.flatMap((f) => [
              [`${f}Event`, fill[f].toString()],
              [`${f}Trade`, trade[f].toString()],
            ]),
          ]) as Record<string, string>,
          version,
        ),
      );
  }
  return findings;
}

/**
 * trade-applied: every `trades` row of the position's orders was applied by a fill event. On a
 * position not closed yet a missing one may still be on its way: a note, not a discrepancy.
 */
export function tradesApplied(
  positionId: string,
  trades: readonly ExecutorTrade[],
  fills: readonly StoredFill[],
  closed: boolean,
): Finding[] {
  const applied = new Set(fills.map((f) => f.fill.tradeUuid));
  return trades
    .filter((t) => !applied.has(t.tradeUuid))
    .map((t) =>
      (closed ? discrepancy : note)(
        'trade-applied',
        positionId,
        `trade ${t.tradeUuid} of order ${t.orderId} (${t.side} ${t.volume.toString()} at ${t.price.toString()}) ` +
          (closed ? 'was never applied to the position' : 'is not applied to the position yet'),
        {
          tradeUuid: t.tradeUuid,
          orderId: t.orderId,
          funds: t.funds.toString(),
          fee: t.fee.toString(),
          tradedAt: t.tradedAt,
        },
      ),
    );
}

/** The bought and sold totals of `trades` rows (bids bought, asks sold). */
export function tradeTotals(trades: readonly ExecutorTrade[]): { bought: Totals; sold: Totals } {
  let bought = NO_TRADES;
  let sold = NO_TRADES;
  for (const t of trades)
    if (t.side === 'bid') bought = addTrade(bought, t);
    else sold = addTrade(sold, t);
  return { bought, sold };
}

/** Realized PnL of `trades` rows, by the position library's own rule (`realizedPnl`). */
export const tradesRealizedPnl = (trades: readonly ExecutorTrade[]): Decimal =>
  realizedPnl({ ...EMPTY_CONTEXT, ...tradeTotals(trades) });

/** realized-pnl: the fold's realized PnL equals the one from the trades rows, exactly. */
export function realizedPnlMatches(
  positionId: string,
  fromEvents: Decimal,
  fromTrades: Decimal,
): Finding[] {
  if (fromEvents.eq(fromTrades)) return [];
  return [
    discrepancy(
      'realized-pnl',
      positionId,
      `realized PnL from the events is ${fromEvents.toString()} KRW, from order-executor's trades ` +
        `${fromTrades.toString()} KRW (off by ${fromEvents.minus(fromTrades).toString()})`,
      {
        events: fromEvents.toString(),
        trades: fromTrades.toString(),
        difference: fromEvents.minus(fromTrades).toString(),
      },
    ),
  ];
}

/**
 * trade-applied-once: no trade uuid is carried by two stored fill events, in one position or in
 * two (a refused duplicate still counts: it is in the store).
 */
export function tradesAppliedOnce(
  fills: ReadonlyArray<{ readonly positionId: string; readonly fill: StoredFill }>,
): Finding[] {
  const byUuid = new Map<string, { positionId: string; fill: StoredFill }[]>();
  for (const f of fills) {
    const list = byUuid.get(f.fill.fill.tradeUuid) ?? [];
    list.push(f);
    byUuid.set(f.fill.fill.tradeUuid, list);
  }
  return [...byUuid]
    .filter(([, list]) => list.length > 1)
    .map(([uuid, list]) => {
      const where = list.map((f) => `${f.positionId}@${f.fill.version}`);
      const first = list[0]!;
      return discrepancy(
        'trade-applied-once',
        first.positionId,
        `trade ${uuid} is recorded by ${list.length} fill events: ${where.join(', ')}`,
        { tradeUuid: uuid, events: where.join(' '), funds: first.fill.fill.funds.toString() },
        list[1]!.fill.version,
      );
    });
}
