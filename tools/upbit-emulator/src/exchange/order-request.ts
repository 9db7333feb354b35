import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { Decimal } from '@hoga/model';
import { positiveDecimal } from '../util/decimal-wire.js';
import { sideError, validationError, type ExchangeError } from './exchange-error.js';
import type { OrdType, Side, SmpType, TimeInForce } from './order.js';

const Scalar = t.union([t.string, t.number, t.null, t.undefined]);

/** The JSON body of `POST /v1/orders` as it arrives: loose types, checked below. */
export const OrderBody = t.type({
  market: Scalar,
  side: Scalar,
  ord_type: Scalar,
  volume: Scalar,
  price: Scalar,
  identifier: Scalar,
  time_in_force: Scalar,
  smp_type: Scalar,
});
/** The decoded (still loose) body. */
export type OrderBody = t.TypeOf<typeof OrderBody>;

/** A structurally valid order request (market existence, grid, totals and funds come later). */
export interface OrderRequest {
  readonly market: string;
  readonly side: Side;
  readonly ordType: OrdType;
  readonly price: Decimal | undefined;
  readonly volume: Decimal | undefined;
  readonly timeInForce: TimeInForce | undefined;
  readonly smpType: SmpType | undefined;
  readonly identifier: string | undefined;
}

/** Identifiers are 1-64 characters (the limit is unconfirmed; see the README). */
export const MAX_IDENTIFIER_LENGTH = 64;

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
const oneOf = <T extends string>(v: unknown, values: readonly T[]): v is T =>
  typeof v === 'string' && (values as readonly string[]).includes(v);

/** The identifier of a body, when it has a usable one (a string of 1-64 characters). */
export function identifierOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const id = (body as Record<string, unknown>)['identifier'];
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_IDENTIFIER_LENGTH
    ? id
    : undefined;
}

/** Checks the shape and the parameter combinations of an order body, in Upbit's terms. */
export function parseOrderRequest(body: unknown): E.Either<ExchangeError, OrderRequest> {
  const decoded = OrderBody.decode(body);
  if (E.isLeft(decoded) || body === null || typeof body !== 'object' || Array.isArray(body)) {
    return E.left(validationError('request body must be a JSON object of strings'));
  }
  const b = decoded.right;
  if (present(b.identifier) && identifierOf(b) === undefined) {
    return E.left(validationError(`identifier must be 1-${MAX_IDENTIFIER_LENGTH} characters`));
  }
  if (typeof b.market !== 'string' || b.market === '')
    return E.left(validationError('market is required'));
  if (!oneOf(b.side, ['bid', 'ask'] as const))
    return E.left(validationError('side must be bid or ask'));
  if (!oneOf(b.ord_type, ['limit', 'price', 'market', 'best'] as const)) {
    return E.left(validationError('ord_type must be limit, price, market or best'));
  }
  const side = b.side;
  const ordType = b.ord_type;
  const combination = checkCombination(side, ordType, b);
  if (combination) return E.left(combination);
  const price = present(b.price) ? positiveDecimal(b.price) : undefined;
  const volume = present(b.volume) ? positiveDecimal(b.volume) : undefined;
  if (present(b.price) && !price) return E.left(validationError('price must be a positive number'));
  if (present(b.volume) && !volume)
    return E.left(validationError('volume must be a positive number'));
  if (volume && volume.decimalPlaces() > 8)
    return E.left(validationError('volume has more than 8 decimals'));
  const tif = checkTimeInForce(ordType, b);
  if (E.isLeft(tif)) return tif;
  const smpType = present(b.smp_type) ? b.smp_type : undefined;
  if (
    smpType !== undefined &&
    !oneOf(smpType, ['cancel_maker', 'cancel_taker', 'reduce'] as const)
  ) {
    return E.left(validationError('smp_type must be cancel_maker, cancel_taker or reduce'));
  }
  if (tif.right === 'post_only' && smpType !== undefined) {
    return E.left(validationError('post_only cannot be combined with smp_type'));
  }
  const identifier = identifierOf(b);
  return E.right({
    market: b.market,
    side,
    ordType,
    price,
    volume,
    timeInForce: tif.right,
    smpType,
    identifier,
  });
}

/** Which of price/volume each ord_type takes (Upbit: create_bid_error / create_ask_error). */
function checkCombination(side: Side, ordType: OrdType, b: OrderBody): ExchangeError | undefined {
  const hasPrice = present(b.price);
  const hasVolume = present(b.volume);
  switch (ordType) {
    case 'limit':
      return hasPrice && hasVolume
        ? undefined
        : validationError('limit orders need price and volume');
    case 'price':
      if (side !== 'bid')
        return sideError('create', side, 'ord_type price is a market buy: side must be bid');
      if (hasVolume) return sideError('create', 'bid', 'a market buy takes no volume');
      return hasPrice ? undefined : validationError('a market buy needs price (the KRW total)');
    case 'market':
      if (side !== 'ask')
        return sideError('create', side, 'ord_type market is a market sell: side must be ask');
      if (hasPrice) return sideError('create', 'ask', 'a market sell takes no price');
      return hasVolume ? undefined : validationError('a market sell needs volume');
    case 'best':
      if (side === 'bid' && hasVolume)
        return sideError('create', 'bid', 'a best bid takes price (KRW total), no volume');
      if (side === 'ask' && hasPrice)
        return sideError('create', 'ask', 'a best ask takes volume, no price');
      return (side === 'bid' ? hasPrice : hasVolume)
        ? undefined
        : validationError('best orders need price (bid) or volume (ask)');
  }
}

function checkTimeInForce(
  ordType: OrdType,
  b: OrderBody,
): E.Either<ExchangeError, TimeInForce | undefined> {
  const tif = present(b.time_in_force) ? b.time_in_force : undefined;
  if (tif === undefined) {
    return ordType === 'best'
      ? E.left(validationError('best orders need time_in_force ioc or fok'))
      : E.right(undefined);
  }
  if (!oneOf(tif, ['ioc', 'fok', 'post_only'] as const)) {
    return E.left(validationError('time_in_force must be ioc, fok or post_only'));
  }
  if (tif === 'post_only' && ordType !== 'limit')
    return E.left(validationError('post_only is for limit orders only'));
  if (tif !== 'post_only' && ordType !== 'limit' && ordType !== 'best') {
    return E.left(validationError('ioc and fok are for limit and best orders only'));
  }
  return E.right(tif);
}
