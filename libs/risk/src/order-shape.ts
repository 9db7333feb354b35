import * as E from 'fp-ts/lib/Either.js';
import { krw, type Decimal, type Krw, type Market, type Price, type Volume } from '@hoga/model';
import { denials, type Denial } from './denial.js';

/**
 * An order as the position asks for it (the fields of the contracts' `OrderRequest`). Long-only
 * spot: an entry buys (`bid`), an exit sells (`ask`). Absent fields may be null or undefined.
 */
export interface OrderToCheck {
  readonly side: 'bid' | 'ask';
  readonly kind: 'market' | 'limit';
  readonly market: Market;
  readonly leg: 'entry' | 'exit';
  /** Limit price (limit orders only). */
  readonly price?: Price | null;
  /** Volume to sell (market sells) or to buy/sell at a limit. */
  readonly volume?: Volume | null;
  /** KRW to spend (market buys only). */
  readonly totalKrw?: Krw | null;
  /** Last traded price, to estimate a market sell's total; without it that total is unchecked. */
  readonly referencePrice?: Price | null;
}

/** An order whose fields fit its kind, with the KRW total it moves (estimated for market sells). */
export type ShapedOrder =
  | { readonly form: 'market-bid'; readonly totalKrw: Krw }
  | { readonly form: 'market-ask'; readonly volume: Volume; readonly totalKrw: Krw | null }
  | {
      readonly form: 'limit';
      readonly price: Price;
      readonly volume: Volume;
      readonly totalKrw: Krw;
    };

const present = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;
const positive = (v: Decimal): boolean => v.isFinite() && v.gt(0);

/** The shaped order, or the problem with its fields. */
function shapeOf(order: OrderToCheck): ShapedOrder | string {
  const { side, kind, leg, price, volume, totalKrw, referencePrice } = order;
  if (leg === 'entry' && side !== 'bid') return 'an entry must be a buy (bid)';
  if (leg === 'exit' && side !== 'ask') return 'an exit must be a sell (ask)';
  const amounts = { price, volume, totalKrw, referencePrice };
  for (const [name, v] of Object.entries(amounts))
    if (present(v) && !positive(v)) return `${name} must be a positive finite amount`;
  if (kind === 'limit') {
    if (!present(price) || !present(volume)) return 'a limit order needs both price and volume';
    if (present(totalKrw)) return 'a limit order takes price and volume, no totalKrw';
    return { form: 'limit', price, volume, totalKrw: krw(price.mul(volume)) };
  }
  if (side === 'bid') {
    if (!present(totalKrw)) return 'a market buy needs totalKrw';
    if (present(volume) || present(price))
      return 'a market buy takes totalKrw only, no volume or price';
    return { form: 'market-bid', totalKrw };
  }
  if (!present(volume)) return 'a market sell needs a volume';
  if (present(price) || present(totalKrw))
    return 'a market sell takes a volume only, no price or totalKrw';
  const estimated = present(referencePrice) ? krw(referencePrice.mul(volume)) : null;
  return { form: 'market-ask', volume, totalKrw: estimated };
}

/** Checks that the order's fields fit its side, kind and leg (Upbit's `ord_type` rules). */
export function shapeOrder(order: OrderToCheck): E.Either<Denial, ShapedOrder> {
  const shaped = shapeOf(order);
  return typeof shaped === 'string' ? E.left(denials.invalidShape(shaped)) : E.right(shaped);
}
