import { executorRecords, type ExecutorRecords } from '../core/executor-records.js';
import type { Db } from './audit-snapshot.js';
import { orderOfRow, tradeOfRow } from './executor-rows.codec.js';

/**
 * order-executor's orders of these positions (all orders for a whole-store audit) and of these
 * intents' order ids, and the trades of those orders.
 */
export async function readRecords(
  pool: Db,
  positionIds: readonly string[],
  intentOrderIds: readonly string[],
  everything: boolean,
): Promise<ExecutorRecords> {
  const orders = await pool.query(
    `select order_id, identifier, position_id, leg, side, state, exchange_uuid from orders
      where $3 or position_id = any($1::text[]) or order_id = any($2::text[])`,
    [positionIds, intentOrderIds, everything],
  );
  const ids = orders.rows.map((r: Record<string, unknown>) => String(r['order_id']));
  const trades = await pool.query(
    `select trade_uuid, order_id, market, side, price::text, volume::text, funds::text, fee::text,
            to_json(traded_at)#>>'{}' as traded_at
       from trades where order_id = any($1::text[]) order by traded_at, trade_uuid`,
    [[...new Set([...ids, ...intentOrderIds])]],
  );
  return executorRecords(
    orders.rows.map((r: Record<string, unknown>) => orderOfRow(r)),
    trades.rows.map((r: Record<string, unknown>) => tradeOfRow(r)),
  );
}
