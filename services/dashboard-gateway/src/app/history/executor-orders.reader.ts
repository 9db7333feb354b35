import * as t from 'io-ts';
import type pg from 'pg';
import { nullable } from '@hoga/contracts';
import { DecimalC, decodeWith } from '@hoga/model';

/** A `timestamptz` as node-postgres returns it, encoded as ISO-8601. */
const PgTime = new t.Type<Date, string, unknown>(
  'PgTime',
  (u): u is Date => u instanceof Date,
  (u, c) => (u instanceof Date && !Number.isNaN(u.getTime()) ? t.success(u) : t.failure(u, c)),
  (d) => d.toISOString(),
);

/**
 * A row of order-executor's `orders` table, as the gateway shows it (read-only; the table's
 * owner is order-executor, migration `0001_orders_trades_events`). Decoded at this boundary:
 * numerics arrive as strings and leave as exact-decimal strings.
 */
export const ExecutorOrderRow = t.type(
  {
    order_id: t.string,
    state: t.string,
    exchange_uuid: nullable(t.string),
    executed_volume: DecimalC,
    executed_funds: DecimalC,
    paid_fee: DecimalC,
    detail: nullable(t.string),
    created_at: PgTime,
    updated_at: PgTime,
  },
  'ExecutorOrderRow',
);

/** A row of order-executor's `trades` table. */
export const ExecutorTradeRow = t.type(
  {
    trade_uuid: t.string,
    order_id: t.string,
    price: DecimalC,
    volume: DecimalC,
    funds: DecimalC,
    fee: DecimalC,
    traded_at: PgTime,
    source: t.string,
  },
  'ExecutorTradeRow',
);

/** An order as order-executor recorded it (money as exact-decimal strings). */
export interface ExecutorOrder {
  readonly state: string;
  readonly exchangeUuid: string | null;
  readonly executedVolume: string;
  readonly executedFunds: string;
  readonly paidFee: string;
  readonly detail: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A trade as order-executor recorded it. */
export interface ExecutorTrade {
  readonly tradeUuid: string;
  readonly orderId: string;
  readonly price: string;
  readonly volume: string;
  readonly funds: string;
  readonly fee: string;
  readonly tradedAt: string;
  readonly source: string;
}

/** What order-executor's tables hold about some orders; `tables: false` when they are absent. */
export interface ExecutorRecords {
  readonly tables: boolean;
  readonly orders: ReadonlyMap<string, ExecutorOrder>;
  readonly trades: readonly ExecutorTrade[];
}

/** A row that does not decode: order-executor's table is not what this reader knows. */
export class ExecutorRowError extends Error {
  override readonly name = 'ExecutorRowError';
}

function decodeRow<A, O>(codec: t.Type<A, O, unknown>, row: unknown): A {
  const decoded = decodeWith(codec, row);
  if (decoded._tag === 'Left')
    throw new ExecutorRowError(`${codec.name}: ${decoded.left.message}`, { cause: decoded.left });
  return decoded.right;
}

const UNDEFINED_TABLE = '42P01';
const isUndefinedTable = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && e.code === UNDEFINED_TABLE;

/**
 * Reads order-executor's `orders` (by primary key) and `trades` (by its order index) for these
 * order ids; when the tables do not exist (order-executor never ran on this database) there is
 * nothing to show, which is not an error.
 */
export async function readExecutorRecords(
  pool: pg.Pool,
  orderIds: readonly string[],
): Promise<ExecutorRecords> {
  if (orderIds.length === 0) return { tables: true, orders: new Map(), trades: [] };
  try {
    const orders = await pool.query(
      `select order_id, state, exchange_uuid, executed_volume::text, executed_funds::text,
              paid_fee::text, detail, created_at, updated_at
         from orders where order_id = any($1::text[])`,
      [orderIds],
    );
    const trades = await pool.query(
      `select trade_uuid, order_id, price::text, volume::text, funds::text, fee::text,
              traded_at, source
         from trades where order_id = any($1::text[]) order by traded_at, trade_uuid`,
      [orderIds],
    );
    return {
      tables: true,
      orders: new Map(
        orders.rows.map((raw) => {
          const r = decodeRow(ExecutorOrderRow, raw);
          const order: ExecutorOrder = {
            state: r.state,
            exchangeUuid: r.exchange_uuid,
            executedVolume: DecimalC.encode(r.executed_volume),
            executedFunds: DecimalC.encode(r.executed_funds),
            paidFee: DecimalC.encode(r.paid_fee),
            detail: r.detail,
            createdAt: r.created_at.toISOString(),
            updatedAt: r.updated_at.toISOString(),
          };
          return [r.order_id, order];
        }),
      ),
      trades: trades.rows.map((raw) => {
        const r = decodeRow(ExecutorTradeRow, raw);
        return {
          tradeUuid: r.trade_uuid,
          orderId: r.order_id,
          price: DecimalC.encode(r.price),
          volume: DecimalC.encode(r.volume),
          funds: DecimalC.encode(r.funds),
          fee: DecimalC.encode(r.fee),
          tradedAt: r.traded_at.toISOString(),
          source: r.source,
        };
      }),
    };
  } catch (error) {
    if (isUndefinedTable(error)) return { tables: false, orders: new Map(), trades: [] };
    throw error;
  }
}
