import * as E from 'fp-ts/lib/Either.js';
import { DEFAULT_FEE_RATE, krw, price, volume, type Market } from '@hoga/model';
import type { DenialCode } from '../denial.js';
import type { OrderToCheck } from '../order-shape.js';
import { checkOrder, type PreTradeContext } from '../pre-trade-checks.js';

/** Test fixtures for the pre-trade checks (not exported from the package). */

export const BTC = 'KRW-BTC' as Market;

/** A roomy ACTIVE context: plenty of KRW and coins, no caps hit. */
export const context = (over: Partial<PreTradeContext> = {}): PreTradeContext => ({
  tradingState: 'ACTIVE',
  availableKrw: krw('100000000'),
  availableBase: volume('10'),
  feeRate: DEFAULT_FEE_RATE,
  openPositions: 0,
  maxOpenPositions: 5,
  exposureByMarket: {},
  maxExposurePerMarketKrw: krw('50000000'),
  ...over,
});

export const marketBuy = (total: string): OrderToCheck => ({
  side: 'bid',
  kind: 'market',
  market: BTC,
  leg: 'entry',
  totalKrw: krw(total),
});

export const marketSell = (vol: string, reference: string | null = '100000000'): OrderToCheck => ({
  side: 'ask',
  kind: 'market',
  market: BTC,
  leg: 'exit',
  volume: volume(vol),
  referencePrice: reference === null ? null : price(reference),
});

export const limitBuy = (p: string, vol: string): OrderToCheck => ({
  side: 'bid',
  kind: 'limit',
  market: BTC,
  leg: 'entry',
  price: price(p),
  volume: volume(vol),
});

export const limitSell = (p: string, vol: string): OrderToCheck => ({
  ...limitBuy(p, vol),
  side: 'ask',
  leg: 'exit',
});

/** The denial codes of a check, [] when approved. */
export function codesOf(
  order: OrderToCheck,
  ctx: PreTradeContext = context(),
): readonly DenialCode[] {
  const result = checkOrder(order, ctx);
  return E.isLeft(result) ? result.left.map((d) => d.code) : [];
}
