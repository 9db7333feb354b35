import { validationError } from '../exchange/exchange-error.js';
import { baseCurrency, quoteCurrency } from '../exchange/order.js';
import { wire } from '../util/decimal-wire.js';
import { accountView } from '../views/account.view.js';
import { errorReply, ok, type Route } from './api.js';

const BID_TYPES = ['best_fok', 'best_ioc', 'limit', 'limit_fok', 'limit_ioc', 'price'];
const ASK_TYPES = ['best_fok', 'best_ioc', 'limit', 'limit_fok', 'limit_ioc', 'market'];

/** `GET /v1/accounts`: KRW always, then every coin the account holds (or has locked). */
const accounts: Route = {
  method: 'GET',
  path: '/v1/accounts',
  group: 'default',
  scope: 'accounts',
  handle: (_req, { account }) =>
    ok(
      account!.ledger
        .list()
        .filter((h) => h.currency === 'KRW' || h.balance.plus(h.locked).gt(0))
        .map(accountView),
    ),
};

/** `GET /v1/orders/chance?market=`: fees, the market's order rules and both accounts. */
const chance: Route = {
  method: 'GET',
  path: '/v1/orders/chance',
  group: 'default',
  scope: 'orders:read',
  handle: (req, { world, account }) => {
    const code = req.query.get('market');
    if (code === undefined) return errorReply(validationError('market is required'));
    if (!world.board.get(code)) return errorReply(validationError(`market ${code} does not exist`));
    const { fees, minTotal, maxTotal } = world.exchange.rules;
    const quote = quoteCurrency(code);
    const base = baseCurrency(code);
    return ok({
      bid_fee: wire(fees.taker),
      ask_fee: wire(fees.taker),
      maker_bid_fee: wire(fees.maker),
      maker_ask_fee: wire(fees.maker),
      market: {
        id: code,
        name: `${base}/${quote}`,
        order_sides: ['ask', 'bid'],
        bid_types: BID_TYPES,
        ask_types: ASK_TYPES,
        bid: { currency: quote, min_total: wire(minTotal) },
        ask: { currency: base, min_total: wire(minTotal) },
        max_total: wire(maxTotal),
        state: 'active',
      },
      bid_account: accountView(account!.ledger.get(quote)),
      ask_account: accountView(account!.ledger.get(base)),
    });
  },
};

/** `/v1/accounts` and `/v1/orders/chance`. */
export const accountRoutes: readonly Route[] = [accounts, chance];
