import { UpbitAccountListC, type UpbitAccount } from '../codecs/account.codec.js';
import { UpbitOrderChanceC, type UpbitOrderChance } from '../codecs/chance.codec.js';
import { endpoint } from '../http/endpoint.js';
import type { RestClient } from '../http/rest-client.js';

const ACCOUNTS = endpoint('GET', '/v1/accounts', 'default', UpbitAccountListC, { auth: true });
const CHANCE = endpoint('GET', '/v1/orders/chance', 'default', UpbitOrderChanceC, { auth: true });

/** Balance and order-constraint endpoints of the Exchange API (signed). */
export class AccountApi {
  constructor(private readonly rest: RestClient) {}

  /** `GET /v1/accounts`: every balance (`balance` available, `locked` in orders). */
  balances(): Promise<readonly UpbitAccount[]> {
    return this.rest.call(ACCOUNTS);
  }

  /** `GET /v1/orders/chance`: fee rates, minimum totals and balances for one market. */
  chance(market: string): Promise<UpbitOrderChance> {
    return this.rest.call(CHANCE, { market });
  }
}
