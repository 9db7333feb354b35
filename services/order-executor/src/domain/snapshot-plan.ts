import { krw, type Decimal, type Krw } from '@hoga/model';
import { isExchangeFinal, type ExchangeOrder, type ExchangeTrade } from './exchange-order.js';
import type { Completion } from './order-events.factory.js';
import type { Trade } from './order-record.js';

/** What applying an Upbit snapshot of an order changes. */
export interface SnapshotPlan {
  /** Trades not recorded yet, in Upbit's order. */
  readonly newTrades: readonly Trade[];
  /** Set when the order is final on Upbit and every one of its trades is then recorded. */
  readonly completion: Completion | null;
  /** Why a final order cannot complete yet (trades missing), else null. */
  readonly gap: string | null;
}

const sum = (values: readonly Decimal[]): Krw => krw(values.reduce((a, v) => a.plus(v), krw(0)));

/**
 * Fees of the unrecorded trades: `funds x rate` each. When the snapshot is final and lists every
 * trade, the last unrecorded trade takes what is left of Upbit's `paid_fee`, so the recorded
 * fees add up to what Upbit charged (unless that remainder would be negative: then the rate).
 */
function feesOf(
  snapshot: ExchangeOrder,
  known: readonly Trade[],
  fresh: readonly ExchangeTrade[],
  rate: Decimal,
): Krw[] {
  const fees = fresh.map((t) => krw(t.funds.mul(rate)));
  const complete = isExchangeFinal(snapshot) && snapshot.trades.length === snapshot.tradesCount;
  if (!complete || fees.length === 0) return fees;
  const others = sum([...known.map((t) => t.fee), ...fees.slice(0, -1)]);
  const rest = krw(snapshot.paidFee.minus(others));
  if (rest.gte(0)) fees[fees.length - 1] = rest;
  return fees;
}

/**
 * Plans how an Upbit snapshot updates an order whose trades `recorded` are already stored: the
 * trades to record (each uuid once) and, when Upbit has finished the order and the recorded
 * trades then match its `trades_count` and `executed_volume`, the completion. Pure.
 */
export function planSnapshot(
  snapshot: ExchangeOrder,
  recorded: readonly Trade[],
  feeRate: Decimal,
): SnapshotPlan {
  const seen = new Set(recorded.map((t) => t.uuid));
  const fresh = snapshot.trades.filter((t) => !seen.has(t.uuid));
  const known = recorded.filter((t) => snapshot.trades.some((s) => s.uuid === t.uuid));
  const fees = feesOf(snapshot, known, fresh, feeRate);
  const newTrades: Trade[] = fresh.map((t, i) => ({ ...t, fee: fees[i]!, source: 'rest' }));
  if (!isExchangeFinal(snapshot)) return { newTrades, completion: null, gap: null };
  const all = [...recorded, ...newTrades];
  const volume = sum(all.map((t) => t.volume));
  if (all.length !== snapshot.tradesCount || !volume.eq(snapshot.executedVolume)) {
    const gap = `${all.length} of ${snapshot.tradesCount} trades recorded (volume ${volume.toString()} of ${snapshot.executedVolume.toString()})`;
    return { newTrades, completion: null, gap };
  }
  const completion: Completion = {
    state: snapshot.state === 'done' ? 'done' : 'cancel',
    executedVolume: snapshot.executedVolume,
    executedFunds: snapshot.executedFunds ?? sum(all.map((t) => t.funds)),
    paidFee: snapshot.paidFee,
    tradesCount: snapshot.tradesCount,
  };
  return { newTrades, completion, gap: null };
}
