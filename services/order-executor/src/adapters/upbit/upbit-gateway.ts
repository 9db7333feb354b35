import { isOrderNotFound, type UpbitAccount, type UpbitClient } from '@hoga/upbit';
import type { ExchangeOrder } from '../../domain/exchange-order.js';
import type { OrderRecord } from '../../domain/order-record.js';
import { upbitOrderRequest } from '../../domain/upbit-order-request.js';
import { toExchangeOrder } from './exchange-order.mapper.js';

/** Which order to look up: by Upbit uuid or by our identifier. */
export type ExchangeRef = { readonly uuid: string } | { readonly identifier: string };

const PAGE = 100;

/** The Upbit calls the executor makes, in its own terms. Errors are the client's typed errors. */
export class UpbitGateway {
  constructor(private readonly client: UpbitClient) {}

  /** `POST /v1/orders` with the order's identifier; the 201 body. */
  async place(order: OrderRecord): Promise<ExchangeOrder> {
    return toExchangeOrder(await this.client.orders.place(upbitOrderRequest(order)));
  }

  /** `GET /v1/order` with trades; null when Upbit answers `order_not_found`. */
  async lookup(ref: ExchangeRef): Promise<ExchangeOrder | null> {
    try {
      return toExchangeOrder(await this.client.orders.get(ref));
    } catch (error) {
      if (isOrderNotFound(error)) return null;
      throw error;
    }
  }

  /** Every open (wait/watch) order of the account, all pages. */
  async openOrders(): Promise<ExchangeOrder[]> {
    const all: ExchangeOrder[] = [];
    for (let page = 1; ; page++) {
      const batch = await this.client.orders.open({ states: ['wait', 'watch'], page, limit: PAGE });
      all.push(...batch.map(toExchangeOrder));
      if (batch.length < PAGE) return all;
    }
  }

  /** `DELETE /v1/order` by uuid: `accepted`, or `finished` when Upbit no longer has it open. */
  async cancel(uuid: string): Promise<'accepted' | 'finished'> {
    try {
      await this.client.orders.cancel({ uuid });
      return 'accepted';
    } catch (error) {
      if (isOrderNotFound(error)) return 'finished';
      throw error;
    }
  }

  /** `GET /v1/accounts`. */
  balances(): Promise<readonly UpbitAccount[]> {
    return this.client.account.balances();
  }
}
