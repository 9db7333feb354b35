import type { AccountFindingEvent, FindingView, ForeignTrades } from '@hoga/contracts';
import { krw, volume } from '@hoga/model';

/** One finding as folded from the `account-findings` stream. */
export interface FindingEntry {
  readonly view: FindingView;
  /** The command id of the acknowledgement (a repeat of it is a no-op). */
  readonly ackCommandId: string | null;
}

/** Every finding by id, in the order they were recorded. */
export type Findings = ReadonlyMap<string, FindingEntry>;

/** Applies one event of the stream (pure; an event of an unknown finding changes nothing). */
export function evolveFindings(state: Findings, event: AccountFindingEvent): Findings {
  const next = new Map(state);
  if (event.type === 'AccountFindingRecorded') {
    const { finding } = event.data;
    if (!next.has(finding.findingId))
      next.set(finding.findingId, {
        view: { finding, action: null, acknowledged: null },
        ackCommandId: null,
      });
    return next;
  }
  const entry = next.get(event.data.findingId);
  if (entry === undefined) return state;
  const { view } = entry;
  switch (event.type) {
    case 'AccountFindingUpdated': {
      const { state: s, executedVolume, executedFunds } = event.data;
      next.set(event.data.findingId, {
        ...entry,
        view: { ...view, finding: { ...view.finding, state: s, executedVolume, executedFunds } },
      });
      break;
    }
    case 'AccountFindingActed': {
      const { action, tradingState, at } = event.data;
      next.set(event.data.findingId, {
        ...entry,
        view: { ...view, action: { action, tradingState, at } },
      });
      break;
    }
    case 'AccountFindingAcknowledged': {
      const { issuedBy, reason, at, commandId } = event.data;
      next.set(event.data.findingId, {
        view: { ...view, acknowledged: { issuedBy, reason, at } },
        ackCommandId: commandId,
      });
      break;
    }
  }
  return next;
}

/** Findings no operator has acknowledged yet. */
export const openFindings = (state: Findings): FindingView[] =>
  [...state.values()].filter((e) => e.view.acknowledged === null).map((e) => e.view);

/** Findings whose policy (reduce/halt) has not been carried out yet and that are still open. */
export const actionsDue = (state: Findings): FindingView[] =>
  openFindings(state).filter((v) => v.finding.policy !== 'alert' && v.action === null);

/**
 * The executed volume and funds of every foreign order per market, bought and sold, kept apart
 * from hoga's PnL (ADR 0027). Acknowledged findings count too: the trades happened.
 */
export function foreignTrades(state: Findings): ForeignTrades[] {
  const byMarket = new Map<string, ForeignTrades>();
  for (const { view } of state.values()) {
    const f = view.finding;
    if (f.kind !== 'foreign-order' || f.executedVolume === null || f.executedVolume.lte(0))
      continue;
    const row = byMarket.get(f.market) ?? {
      market: f.market,
      boughtVolume: volume(0),
      boughtKrw: krw(0),
      soldVolume: volume(0),
      soldKrw: krw(0),
    };
    const funds = f.executedFunds ?? krw(0);
    byMarket.set(
      f.market,
      f.side === 'bid'
        ? {
            ...row,
            boughtVolume: volume(row.boughtVolume.plus(f.executedVolume)),
            boughtKrw: krw(row.boughtKrw.plus(funds)),
          }
        : {
            ...row,
            soldVolume: volume(row.soldVolume.plus(f.executedVolume)),
            soldKrw: krw(row.soldKrw.plus(funds)),
          },
    );
  }
  return [...byMarket.values()].sort((a, b) => a.market.localeCompare(b.market));
}
