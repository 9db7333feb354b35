import { orderNotFound } from '../exchange/exchange-error.js';
import type { World } from '../world.js';
import { errorReply, type ApiReply, type Route } from './api.js';
import type { FaultSettings } from './faults.js';
import { QueryParams } from './query-params.js';

/**
 * The `identifierLookupLagMs` fault: a slow exchange whose lookup by identifier lags behind its
 * order book. `GET /v1/order?identifier=` (without `uuid`) answers 404 `order_not_found` for an
 * order created less than `identifierLookupLagMs` ago, although the order exists (and shows on
 * `GET /v1/orders/open|closed` and by uuid). Other answers pass unchanged.
 */
export function lagIdentifierLookup(
  faults: FaultSettings,
  world: World,
  route: Route,
  rawQuery: string,
  reply: ApiReply,
): ApiReply {
  const lag = faults.identifierLookupLagMs;
  if (lag <= 0 || route.method !== 'GET' || route.path !== '/v1/order' || reply.status !== 200)
    return reply;
  const query = QueryParams.parse(rawQuery);
  if (query === undefined || query.get('uuid') !== undefined || !query.get('identifier'))
    return reply;
  const uuid = (reply.body as { uuid?: unknown }).uuid;
  const order = world.exchange.allOrders().find((o) => o.uuid === uuid);
  if (order === undefined || world.clock.now() - order.createdAt >= lag) return reply;
  return errorReply(orderNotFound());
}
