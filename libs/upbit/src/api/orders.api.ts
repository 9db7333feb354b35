import type { Params } from '../auth/query-string.js';
import {
  UpbitOrderC,
  UpbitOrderDetailC,
  UpbitOrderListC,
  type UpbitOrder,
  type UpbitOrderDetail,
} from '../codecs/order.codec.js';
import { endpoint } from '../http/endpoint.js';
import type { RestClient } from '../http/rest-client.js';
import {
  orderParams,
  type ClosedOrdersQuery,
  type OpenOrdersQuery,
  type OrderRef,
  type OrdersByIdsQuery,
  type PlaceOrderRequest,
} from './order-requests.js';
import { formatTime } from './time-param.js';

const PLACE = endpoint('POST', '/v1/orders', 'order', UpbitOrderC, {
  auth: true,
  sideEffect: true,
});
const TEST = endpoint('POST', '/v1/orders/test', 'order-test', UpbitOrderC, { auth: true });
const GET = endpoint('GET', '/v1/order', 'default', UpbitOrderDetailC, { auth: true });
const OPEN = endpoint('GET', '/v1/orders/open', 'default', UpbitOrderListC, { auth: true });
const CLOSED = endpoint('GET', '/v1/orders/closed', 'default', UpbitOrderListC, { auth: true });
const BY_IDS = endpoint('GET', '/v1/orders/uuids', 'default', UpbitOrderListC, { auth: true });
const CANCEL = endpoint('DELETE', '/v1/order', 'default', UpbitOrderC, {
  auth: true,
  sideEffect: true,
});

const ref = (r: OrderRef): Params =>
  'uuid' in r ? { uuid: r.uuid } : { identifier: r.identifier };

/** Order endpoints of the Exchange API (all signed). */
export class OrdersApi {
  constructor(private readonly rest: RestClient) {}

  /**
   * `POST /v1/orders` (group `order`). A lost answer throws `UpbitOutcomeUnknownError`; a reused
   * identifier throws `UpbitDuplicateIdentifierError`: in both cases look the order up with
   * {@link OrdersApi.get} by identifier, never re-send with a new one first.
   */
  place(order: PlaceOrderRequest): Promise<UpbitOrder> {
    return this.rest.call(PLACE, orderParams(order));
  }

  /** `POST /v1/orders/test`: validates an order without placing it (group `order-test`). */
  test(order: PlaceOrderRequest): Promise<UpbitOrder> {
    return this.rest.call(TEST, orderParams(order));
  }

  /** `GET /v1/order` by uuid or identifier, with its trades; unknown -> `UpbitOrderNotFoundError`. */
  get(order: OrderRef): Promise<UpbitOrderDetail> {
    return this.rest.call(GET, ref(order));
  }

  /** `GET /v1/orders/open` (wait/watch). */
  open(query: OpenOrdersQuery = {}): Promise<readonly UpbitOrder[]> {
    const { market, states, page, limit, order_by } = query;
    return this.rest.call(OPEN, { market, states, page, limit, order_by });
  }

  /** `GET /v1/orders/closed` (done/cancel) in a window of at most 7 days. */
  closed(query: ClosedOrdersQuery = {}): Promise<readonly UpbitOrder[]> {
    const { market, states, limit, order_by } = query;
    const start_time = formatTime(query.start_time);
    const end_time = formatTime(query.end_time);
    return this.rest.call(CLOSED, { market, states, start_time, end_time, limit, order_by });
  }

  /** `GET /v1/orders/uuids` by up to 100 uuids or identifiers. */
  byIds(query: OrdersByIdsQuery): Promise<readonly UpbitOrder[]> {
    const ids = 'uuids' in query ? { uuids: query.uuids } : { identifiers: query.identifiers };
    return this.rest.call(BY_IDS, { market: query.market, ...ids, order_by: query.order_by });
  }

  /**
   * `DELETE /v1/order`: returns the order as it was when the cancel was accepted (usually still
   * `wait`). A lost answer throws `UpbitOutcomeUnknownError`.
   */
  cancel(order: OrderRef): Promise<UpbitOrder> {
    return this.rest.call(CANCEL, ref(order));
  }
}
