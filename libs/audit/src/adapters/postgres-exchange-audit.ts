import type pg from 'pg';
import * as t from 'io-ts';
import { nullable } from '@hoga/contracts';
import { DecimalC, decodeWith } from '@hoga/model';
import { exchangeOrderChecks, secondExchangeOrders } from '../core/checks/exchange.checks.js';
import type { ExchangeOrder, HogaOrder } from '../core/exchange-records.js';
import { groupBy, type ExecutorTrade } from '../core/executor-records.js';
import type { Finding } from '../core/finding.js';
import { AuditSourceError } from './audit-source.error.js';
import { tradeOfRow } from './executor-rows.codec.js';
import type { ExchangeReader } from './upbit-exchange.reader.js';

/** How far the exchange comparison is: exchange requests done of those planned so far. */
export interface ExchangeProgress {
  readonly done: number;
  readonly total: number;
}

/** An `orders` row with what the exchange comparison needs (numerics as text: exact). */
const OrderRow = t.type(
  {
    order_id: t.string,
    identifier: t.string,
    position_id: t.string,
    market: t.string,
    side: t.string,
    kind: t.string,
    state: t.string,
    price: nullable(DecimalC),
    volume: nullable(DecimalC),
    total_krw: nullable(DecimalC),
    exchange_uuid: nullable(t.string),
    created_at: t.string,
  },
  'OrderRow',
);

function hogaOrderOf(raw: unknown): HogaOrder {
  const decoded = decodeWith(OrderRow, raw);
  if (decoded._tag === 'Left')
    throw new AuditSourceError(
      'corrupt-row',
      `order-executor's orders row is not what the audit can read: ${decoded.left.message}`,
      { cause: decoded.left },
    );
  const r = decoded.right;
  return {
    orderId: r.order_id,
    identifier: r.identifier,
    positionId: r.position_id,
    market: r.market,
    side: r.side,
    kind: r.kind,
    state: r.state,
    price: r.price,
    volume: r.volume,
    totalKrw: r.total_krw,
    exchangeUuid: r.exchange_uuid,
    createdAt: r.created_at,
  };
}

/** hoga's orders of the positions and their trades rows, in one read-only snapshot. */
async function readHogaOrders(
  pool: pg.Pool,
  positionIds: readonly string[],
): Promise<{ orders: HogaOrder[]; trades: ExecutorTrade[] }> {
  const client = await pool.connect().catch((error: unknown) => {
    throw new AuditSourceError(
      'database',
      `cannot reach the database: ${(error as Error).message}`,
      { cause: error },
    );
  });
  try {
    await client.query('begin isolation level repeatable read read only');
    const orders = await client.query(
      `select order_id, identifier, position_id, market, side, kind, state, price::text,
              volume::text, total_krw::text, exchange_uuid, to_json(created_at)#>>'{}' as created_at
         from orders where position_id = any($1::text[]) order by created_at, order_id`,
      [positionIds],
    );
    const hoga = orders.rows.map(hogaOrderOf);
    const trades = await client.query(
      `select trade_uuid, order_id, market, side, price::text, volume::text, funds::text, fee::text,
              to_json(traded_at)#>>'{}' as traded_at
         from trades where order_id = any($1::text[]) order by traded_at, trade_uuid`,
      [hoga.map((o) => o.orderId)],
    );
    return { orders: hoga, trades: trades.rows.map((r: Record<string, unknown>) => tradeOfRow(r)) };
  } catch (error) {
    if (error instanceof AuditSourceError) throw error;
    throw new AuditSourceError(
      'database',
      `cannot read the database: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  } finally {
    await client.query('rollback').catch(() => undefined);
    client.release();
  }
}

/** How far before the first and after the last order the exchange's lists are read. */
const MARGIN_MS = 3600 * 1000;

/**
 * `--exchange`: compares each order of the positions with the exchange's own record of it
 * (`GET /v1/order` by uuid, by identifier when hoga has no uuid), and looks through the
 * exchange's orders of their markets over their span for a second order of one intent. Every
 * request goes through `reader` (paced by the Upbit client's rate limiter). Returns the
 * findings (exchange-order-missing, -differs, -duplicate, exchange-trade-unknown, -unrecorded).
 * Throws `AuditSourceError` when the database or the exchange cannot be read, or the keys are
 * refused.
 */
export async function auditExchange(
  pool: pg.Pool,
  positionIds: readonly string[],
  reader: ExchangeReader,
  onProgress: (progress: ExchangeProgress) => void = () => undefined,
): Promise<Finding[]> {
  const { orders, trades } = await readHogaOrders(pool, positionIds);
  const tradesByOrder = groupBy(trades, (tr) => tr.orderId);
  const markets = [...new Set(orders.map((o) => o.market))].sort();
  let total = orders.length + markets.length;
  let done = 0;
  const step = (): void => onProgress({ done: (done += 1), total });
  onProgress({ done, total });
  const findings: Finding[] = [];
  for (const order of orders) {
    const seen =
      order.exchangeUuid !== null
        ? await reader.byUuid(order.exchangeUuid)
        : await reader.byIdentifier(order.identifier);
    findings.push(...exchangeOrderChecks({ order, seen }, tradesByOrder.get(order.orderId) ?? []));
    step();
  }
  const knownUuids = new Set(
    orders.flatMap((o) => (o.exchangeUuid === null ? [] : [o.exchangeUuid])),
  );
  const knownIdentifiers = new Set(orders.map((o) => o.identifier));
  const times = orders.map((o) => Date.parse(o.createdAt));
  const others: ExchangeOrder[] = [];
  for (const market of markets) {
    const from = new Date(Math.min(...times) - MARGIN_MS);
    const to = new Date(Math.max(...times) + MARGIN_MS);
    const unknown = (await reader.listed(market, from, to)).filter(
      (x) =>
        !knownUuids.has(x.uuid) && (x.identifier === null || !knownIdentifiers.has(x.identifier)),
    );
    total += unknown.length;
    step();
    for (const x of unknown) {
      others.push((await reader.byUuid(x.uuid)) ?? x);
      step();
    }
  }
  findings.push(
    ...secondExchangeOrders(others, orders, new Map(trades.map((tr) => [tr.tradeUuid, tr]))),
  );
  return findings;
}
