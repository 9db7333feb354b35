import * as E from 'fp-ts/lib/Either.js';
import { validationError, orderNotFound, type ExchangeError } from '../exchange/exchange-error.js';
import { closedOrders, openOrders, ordersByIds } from '../exchange/order-queries.js';
import { orderView } from '../views/order.view.js';
import { errorReply, ok, type ApiReply, type Route } from './api.js';
import { intParam, orderByParam, statesParam, timeParam } from './query-readers.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Unwraps parameter readers: the first failure becomes the reply. */
function all<T extends unknown[]>(
  ...results: { [K in keyof T]: E.Either<ExchangeError, T[K]> }
): E.Either<ApiReply, T> {
  const values: unknown[] = [];
  for (const r of results) {
    if (E.isLeft(r)) return E.left(errorReply(r.left));
    values.push(r.right);
  }
  return E.right(values as T);
}

/** `GET /v1/order?uuid=|identifier=`: the order with its `trades[]` (uuid wins if both). */
const getOrder: Route = {
  method: 'GET',
  path: '/v1/order',
  group: 'default',
  scope: 'orders:read',
  handle: (req, { world, account }) => {
    const uuid = req.query.get('uuid');
    const identifier = req.query.get('identifier');
    if (uuid === undefined && identifier === undefined)
      return errorReply(validationError('uuid or identifier is required'));
    const order = world.exchange.findOrder(account!.accessKey, { uuid, identifier });
    return order ? ok(orderView(order, true)) : errorReply(orderNotFound());
  },
};

/** `GET /v1/orders/open`: wait/watch orders, paged (limit <= 100). */
const listOpen: Route = {
  method: 'GET',
  path: '/v1/orders/open',
  group: 'default',
  scope: 'orders:read',
  handle: (req, { world, account }) => {
    const q = req.query;
    const p = all(
      statesParam(q, ['wait', 'watch'] as const),
      intParam(q, 'page', 1, 1, 1_000_000),
      intParam(q, 'limit', 100, 1, 100),
      orderByParam(q),
    );
    if (E.isLeft(p)) return p.left;
    const [states, page, limit, orderBy] = p.right;
    const list = openOrders(world.exchange.allOrders(account!.accessKey), {
      market: q.get('market'),
      states,
      page,
      limit,
      orderBy,
    });
    return ok(list.map((o) => orderView(o)));
  },
};

/** `GET /v1/orders/closed`: done/cancel orders created in a window of at most 7 days (limit <= 1000). */
const listClosed: Route = {
  method: 'GET',
  path: '/v1/orders/closed',
  group: 'default',
  scope: 'orders:read',
  handle: (req, { world, account }) => {
    const q = req.query;
    const p = all(
      statesParam(q, ['done', 'cancel'] as const),
      timeParam(q, 'start_time', true),
      timeParam(q, 'end_time', true),
      intParam(q, 'limit', 100, 1, 1000),
      orderByParam(q),
    );
    if (E.isLeft(p)) return p.left;
    const [states, startTime, endTime, limit, orderBy] = p.right;
    const end = endTime ?? (startTime !== undefined ? startTime + WEEK_MS : world.clock.now());
    const start = startTime ?? end - WEEK_MS;
    if (end < start || end - start > WEEK_MS)
      return errorReply(validationError('the time window must be at most 7 days'));
    const list = closedOrders(world.exchange.allOrders(account!.accessKey), {
      market: q.get('market'),
      states,
      start,
      end,
      limit,
      orderBy,
    });
    return ok(list.map((o) => orderView(o)));
  },
};

/** `GET /v1/orders/uuids`: orders by `uuids[]` or `identifiers[]` (at most 100). */
const listByIds: Route = {
  method: 'GET',
  path: '/v1/orders/uuids',
  group: 'default',
  scope: 'orders:read',
  handle: (req, { world, account }) => {
    const uuids = req.query.getAll('uuids');
    const identifiers = req.query.getAll('identifiers');
    if (uuids.length === 0 && identifiers.length === 0)
      return errorReply(validationError('uuids[] or identifiers[] is required'));
    if (uuids.length > 0 && identifiers.length > 0)
      return errorReply(validationError('send uuids[] or identifiers[], not both'));
    if (uuids.length + identifiers.length > 100)
      return errorReply(validationError('at most 100 uuids or identifiers'));
    const orderBy = orderByParam(req.query);
    if (E.isLeft(orderBy)) return errorReply(orderBy.left);
    const list = ordersByIds(world.exchange.allOrders(account!.accessKey), {
      uuids,
      identifiers,
      market: req.query.get('market'),
      orderBy: orderBy.right,
    });
    return ok(list.map((o) => orderView(o)));
  },
};

/** Looking orders up: one, open, closed, by ids. */
export const orderQueryRoutes: readonly Route[] = [getOrder, listOpen, listClosed, listByIds];
