import type { Holding } from '../exchange/ledger.js';
import { wire } from '../util/decimal-wire.js';

/** One entry of `GET /v1/accounts` (and `bid_account`/`ask_account` of the chance). */
export function accountView(h: Holding): Record<string, unknown> {
  return {
    currency: h.currency,
    balance: wire(h.balance),
    locked: wire(h.locked),
    avg_buy_price: wire(h.avgBuyPrice),
    avg_buy_price_modified: false,
    unit_currency: 'KRW',
  };
}
