import { RestClient } from '../http/rest-client.js';
import type { RestClientOptions } from '../http/rest-options.js';
import { AccountApi } from './account.api.js';
import { OrdersApi } from './orders.api.js';
import { QuotationApi } from './quotation.api.js';

/**
 * The Upbit REST client: `orders` and `account` (signed, need credentials) and `quotation`
 * (public). One instance per account, so one rate limiter paces all of its requests.
 */
export class UpbitClient {
  readonly rest: RestClient;
  readonly orders: OrdersApi;
  readonly account: AccountApi;
  readonly quotation: QuotationApi;

  constructor(options: RestClientOptions = {}) {
    this.rest = new RestClient(options);
    this.orders = new OrdersApi(this.rest);
    this.account = new AccountApi(this.rest);
    this.quotation = new QuotationApi(this.rest);
  }
}
