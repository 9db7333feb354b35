import * as E from 'fp-ts/lib/Either.js';
import { validationError } from '../exchange/exchange-error.js';
import { isOpen } from '../exchange/order.js';
import { orderView } from '../views/order.view.js';
import { errorReply, ok, type ApiRequest, type Route, type RouteContext } from './api.js';
import { intParam, orderByParam } from './query-readers.js';

function place(dryRun: boolean) {
  return (req: ApiRequest, { world, account }: RouteContext) => {
    const result = world.exchange.placeOrder(account!.accessKey, req.body, dryRun, req.bodyText);
    return E.isLeft(result) ? errorReply(result.left) : ok(orderView(result.right), 201);
  };
}

/** `POST /v1/orders`: answers 201 with the order as accepted (before it matched). */
const placeOrder: Route = {
  method: 'POST',
  path: '/v1/orders',
  group: 'order',
  scope: 'orders:write',
  handle: place(false),
};

/** `POST /v1/orders/test`: validates like a real order (identifier reuse included) without placing it. */
const testOrder: Route = {
  method: 'POST',
  path: '/v1/orders/test',
  group: 'order-test',
  scope: 'orders:write',
  handle: place(true),
};

/** `DELETE /v1/order?uuid=|identifier=`: the order as it was when the cancel was accepted. */
const cancelOrder: Route = {
  method: 'DELETE',
  path: '/v1/order',
  group: 'default',
  scope: 'orders:write',
  handle: (req, { world, account }) => {
    const uuid = req.query.get('uuid');
    const identifier = req.query.get('identifier');
    if (uuid === undefined && identifier === undefined)
      return errorReply(validationError('uuid or identifier is required'));
    const result = world.exchange.cancelOrder(account!.accessKey, { uuid, identifier });
    return E.isLeft(result) ? errorReply(result.left) : ok(orderView(result.right));
  },
};

/** `DELETE /v1/orders/open`: cancels up to `count` open orders (filters: side, pairs, quote currencies). */
const cancelOpen: Route = {
  method: 'DELETE',
  path: '/v1/orders/open',
  group: 'order-cancel-all',
  scope: 'orders:write',
  handle: (req, { world, account }) => {
    const side = req.query.get('cancel_side') ?? 'all';
    if (side !== 'all' && side !== 'bid' && side !== 'ask')
      return errorReply(validationError('cancel_side must be all, bid or ask'));
    const count = intParam(req.query, 'count', 20, 1, 300);
    const orderBy = orderByParam(req.query);
    if (E.isLeft(count)) return errorReply(count.left);
    if (E.isLeft(orderBy)) return errorReply(orderBy.left);
    const list = (name: string): string[] | undefined =>
      req.query
        .get(name)
        ?.split(',')
        .filter((s) => s !== '');
    const pairs = list('pairs');
    const excluded = list('excluded_pairs') ?? [];
    const quotes = list('quote_currencies');
    let targets = world.exchange
      .allOrders(account!.accessKey)
      .filter(
        (o) =>
          isOpen(o) &&
          (side === 'all' || o.side === side) &&
          (pairs === undefined || pairs.includes(o.market)) &&
          !excluded.includes(o.market) &&
          (quotes === undefined || quotes.some((q) => o.market.startsWith(`${q}-`))),
      );
    if (orderBy.right === 'desc') targets = targets.reverse();
    const cancelled = targets.slice(0, count.right).map((o) => {
      world.exchange.cancelOrder(account!.accessKey, { uuid: o.uuid });
      return {
        uuid: o.uuid,
        market: o.market,
        ...(o.identifier !== undefined ? { identifier: o.identifier } : {}),
      };
    });
    return ok({
      success: { count: cancelled.length, orders: cancelled },
      failed: { count: 0, orders: [] },
    });
  },
};

/** Placing and cancelling orders. */
export const orderRoutes: readonly Route[] = [placeOrder, testOrder, cancelOrder, cancelOpen];
