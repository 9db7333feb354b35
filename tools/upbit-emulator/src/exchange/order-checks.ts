import * as E from 'fp-ts/lib/Either.js';
import { type Decimal, isOnTickGrid, krwTickSize } from '@hoga/model';
import type { MarketRuntime } from '../market/market-runtime.js';
import { sideError, validationError, type ExchangeError } from './exchange-error.js';
import type { FeeRates } from './fees.js';
import { reservedFeeOf } from './fees.js';
import type { Ledger } from './ledger.js';
import { baseCurrency, quoteCurrency } from './order.js';
import type { OrderRequest } from './order-request.js';

/** Exchange-wide order rules. */
export interface OrderRules {
  readonly fees: FeeRates;
  /** Minimum order total in KRW (5,000). */
  readonly minTotal: Decimal;
  /** Maximum order total in KRW (1,000,000,000). */
  readonly maxTotal: Decimal;
}

/** What an accepted order locks: a currency and an amount. */
export interface Reservation {
  readonly currency: string;
  readonly amount: Decimal;
}

/** The KRW total of a request: price*volume (limit), the budget (market/best bid), volume at the best bid (sells). */
function totalOf(req: OrderRequest, market: MarketRuntime): Decimal {
  if (req.ordType === 'limit') return req.price!.mul(req.volume!);
  if (req.side === 'bid') return req.price!;
  return req.volume!.mul(market.currentBook.bestBid);
}

/**
 * The checks that need the market and the account, in Upbit's order: tick grid
 * (`invalid_price_*`), minimum and maximum total (`under_min_total_*`), then funds
 * (`insufficient_funds_*`). Returns what the order must lock.
 */
export function checkOrder(
  req: OrderRequest,
  market: MarketRuntime | undefined,
  ledger: Ledger,
  rules: OrderRules,
): E.Either<ExchangeError, Reservation> {
  if (!market) return E.left(validationError(`market ${req.market} does not exist`));
  if (req.ordType === 'limit' && !isOnTickGrid(req.price!)) {
    const tick = krwTickSize(req.price!).toString();
    return E.left(
      sideError('invalid_price', req.side, `price must be a multiple of the tick size ${tick}`),
    );
  }
  const total = totalOf(req, market);
  if (total.lt(rules.minTotal)) {
    return E.left(
      sideError(
        'under_min_total',
        req.side,
        `order total must be at least ${rules.minTotal.toString()} KRW`,
      ),
    );
  }
  if (total.gt(rules.maxTotal)) {
    return E.left(validationError(`order total must be at most ${rules.maxTotal.toString()} KRW`));
  }
  const reservation: Reservation =
    req.side === 'bid'
      ? {
          currency: quoteCurrency(req.market),
          amount: total.plus(reservedFeeOf(total, rules.fees)),
        }
      : { currency: baseCurrency(req.market), amount: req.volume! };
  if (ledger.get(reservation.currency).balance.lt(reservation.amount)) {
    return E.left(sideError('insufficient_funds', req.side, '주문가능한 금액이 부족합니다.'));
  }
  return E.right(reservation);
}
