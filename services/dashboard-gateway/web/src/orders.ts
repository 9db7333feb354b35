/**
 * A position's orders and trades (`GET /api/positions/:id/orders`): what it asked for, what
 * order-executor did (state, executed volume / funds, fee) and the trades, shape-checked before use.
 */
import type { Decimal } from '@hoga/model/decimal';
import { decimalOf } from './format.js';

type Obj = Record<string, unknown>;
const obj = (u: unknown): Obj | undefined =>
  typeof u === 'object' && u !== null ? (u as Obj) : undefined;
const str = (u: unknown): string | undefined => (typeof u === 'string' ? u : undefined);

export interface TradeView {
  readonly tradeUuid: string;
  readonly price: Decimal | undefined;
  readonly volume: Decimal | undefined;
  readonly funds: Decimal | undefined;
  readonly fee: Decimal | undefined;
  readonly tradedAt: string | undefined;
}
export interface OrderView {
  readonly orderId: string;
  readonly leg: 'entry' | 'exit' | undefined;
  readonly side: 'bid' | 'ask' | undefined;
  /** order-executor's state (`wait`, `done`, `cancel`, ...); undefined when it has no row yet. */
  readonly state: string | undefined;
  readonly executedVolume: Decimal | undefined;
  readonly executedFunds: Decimal | undefined;
  readonly fee: Decimal | undefined;
  readonly trades: readonly TradeView[];
}

export function orderOf(u: unknown): OrderView | undefined {
  const o = obj(u);
  const orderId = str(o?.['orderId']);
  if (o === undefined || orderId === undefined) return undefined;
  const request = obj(o['request']);
  const executor = obj(o['executor']);
  const position = obj(o['position']);
  const leg = request?.['leg'];
  const side = request?.['side'];
  const trades = Array.isArray(o['trades']) ? o['trades'] : [];
  return {
    orderId,
    leg: leg === 'entry' || leg === 'exit' ? leg : undefined,
    side: side === 'bid' || side === 'ask' ? side : undefined,
    state: str(executor?.['state']),
    executedVolume:
      decimalOf(executor?.['executedVolume']) ?? decimalOf(position?.['filledVolume']),
    executedFunds: decimalOf(executor?.['executedFunds']) ?? decimalOf(position?.['filledFunds']),
    fee: decimalOf(executor?.['paidFee']),
    trades: trades.flatMap((tu) => {
      const tr = obj(tu);
      const tradeUuid = str(tr?.['tradeUuid']);
      if (tr === undefined || tradeUuid === undefined) return [];
      return [
        {
          tradeUuid,
          price: decimalOf(tr['price']),
          volume: decimalOf(tr['volume']),
          funds: decimalOf(tr['funds']),
          fee: decimalOf(tr['fee']),
          tradedAt: str(tr['tradedAt']),
        },
      ];
    }),
  };
}

/** A position's orders, oldest first; null when the gateway does not know the position (404). */
export async function fetchPositionOrders(positionId: string): Promise<OrderView[] | null> {
  const response = await fetch(`/api/positions/${encodeURIComponent(positionId)}/orders`, {
    credentials: 'same-origin',
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`GET /api/positions/…/orders: ${String(response.status)}`);
  const body = (await response.json()) as { orders?: unknown };
  return (Array.isArray(body.orders) ? body.orders : []).flatMap((u) => {
    const o = orderOf(u);
    return o === undefined ? [] : [o];
  });
}
