import type { Krw, Price, Volume } from '@hoga/model';

/** An `orders` row of order-executor, as the audit needs it (money as exact decimals). */
export interface ExecutorOrder {
  readonly orderId: string;
  readonly identifier: string;
  readonly positionId: string;
  readonly leg: string;
  readonly side: string;
  readonly state: string;
  readonly exchangeUuid: string | null;
}

/** A `trades` row of order-executor: one Upbit trade, recorded once per trade uuid. */
export interface ExecutorTrade {
  readonly tradeUuid: string;
  readonly orderId: string;
  readonly market: string;
  readonly side: string;
  readonly price: Price;
  readonly volume: Volume;
  readonly funds: Krw;
  readonly fee: Krw;
  /** ISO-8601. */
  readonly tradedAt: string;
}

/** What order-executor recorded about the orders of the audited positions. */
export interface ExecutorRecords {
  readonly ordersById: ReadonlyMap<string, ExecutorOrder>;
  /** Orders rows by position id. */
  readonly ordersByPosition: ReadonlyMap<string, readonly ExecutorOrder[]>;
  /** Trades rows by order id. */
  readonly tradesByOrder: ReadonlyMap<string, readonly ExecutorTrade[]>;
  /** Trades rows by trade uuid (the table's primary key). */
  readonly tradesByUuid: ReadonlyMap<string, ExecutorTrade>;
}

/** Groups rows by a key, keeping their order. */
export function groupBy<T>(rows: Iterable<T>, key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [row]);
    else group.push(row);
  }
  return groups;
}

/** Records from plain row lists. */
export const executorRecords = (
  orders: readonly ExecutorOrder[],
  trades: readonly ExecutorTrade[],
): ExecutorRecords => ({
  ordersById: new Map(orders.map((o) => [o.orderId, o])),
  ordersByPosition: groupBy(orders, (o) => o.positionId),
  tradesByOrder: groupBy(trades, (t) => t.orderId),
  tradesByUuid: new Map(trades.map((t) => [t.tradeUuid, t])),
});
