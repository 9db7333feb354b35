import type { Order, OrderState } from './order.js';

/** Sort direction of order lists (Upbit default: newest first). */
export type OrderBy = 'asc' | 'desc';

function sorted(orders: readonly Order[], orderBy: OrderBy): Order[] {
  const list = [...orders]; // already oldest first (acceptance order)
  return orderBy === 'desc' ? list.reverse() : list;
}

/** `GET /v1/orders/open`: open orders in `states`, one page. */
export function openOrders(
  orders: readonly Order[],
  q: {
    market?: string | undefined;
    states: readonly OrderState[];
    page: number;
    limit: number;
    orderBy: OrderBy;
  },
): Order[] {
  const matching = orders.filter(
    (o) => q.states.includes(o.state) && (q.market === undefined || o.market === q.market),
  );
  return sorted(matching, q.orderBy).slice((q.page - 1) * q.limit, q.page * q.limit);
}

/** `GET /v1/orders/closed`: finished orders in `states` created within [start, end]. */
export function closedOrders(
  orders: readonly Order[],
  q: {
    market?: string | undefined;
    states: readonly OrderState[];
    start: number;
    end: number;
    limit: number;
    orderBy: OrderBy;
  },
): Order[] {
  const matching = orders.filter(
    (o) =>
      q.states.includes(o.state) &&
      (q.market === undefined || o.market === q.market) &&
      o.createdAt >= q.start &&
      o.createdAt <= q.end,
  );
  return sorted(matching, q.orderBy).slice(0, q.limit);
}

/** `GET /v1/orders/uuids`: the orders with these uuids or identifiers. */
export function ordersByIds(
  orders: readonly Order[],
  q: {
    uuids: readonly string[];
    identifiers: readonly string[];
    market?: string | undefined;
    orderBy: OrderBy;
  },
): Order[] {
  const uuids = new Set(q.uuids);
  const identifiers = new Set(q.identifiers);
  const matching = orders.filter(
    (o) =>
      (uuids.has(o.uuid) || (o.identifier !== undefined && identifiers.has(o.identifier))) &&
      (q.market === undefined || o.market === q.market),
  );
  return sorted(matching, q.orderBy);
}
