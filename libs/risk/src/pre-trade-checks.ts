import * as E from 'fp-ts/lib/Either.js';
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js';
import {
  baseCurrency,
  hasValidVolumeDecimals,
  isOnTickGrid,
  krw,
  krwTickSize,
  MAX_ORDER_KRW,
  MIN_ORDER_KRW,
  VOLUME_DECIMALS,
  type Decimal,
  type Krw,
  type Market,
  type Volume,
} from '@hoga/model';
import { denials, type Denial } from './denial.js';
import { shapeOrder, type OrderToCheck, type ShapedOrder } from './order-shape.js';
import type { TradingStateName } from './trading-state.events.js';

/** What the checks know about the account and the risk settings when the order is checked. */
export interface PreTradeContext {
  readonly tradingState: TradingStateName;
  /** KRW free to spend (balance, not locked). */
  readonly availableKrw: Krw;
  /** Coins of the order's market free to sell (balance, not locked). */
  readonly availableBase: Volume;
  /** Bid fee rate (0.0005 = 0.05%), from /v1/orders/chance. */
  readonly feeRate: Decimal;
  /** Open positions, not counting the one this entry order is for. */
  readonly openPositions: number;
  /** null: no cap. */
  readonly maxOpenPositions: number | null;
  /** KRW committed per market (holdings at market + entries in flight). */
  readonly exposureByMarket: Readonly<Partial<Record<Market, Krw>>>;
  /** null: no cap. */
  readonly maxExposurePerMarketKrw: Krw | null;
  /** Defaults to {@link MIN_ORDER_KRW} (5,000). */
  readonly minTotalKrw?: Krw;
  /** Defaults to {@link MAX_ORDER_KRW}. */
  readonly maxTotalKrw?: Krw;
  /** The market's tick size from /v1/orderbook/instruments; else the KRW band table. */
  readonly tickSize?: Decimal;
  /** Upbit's answer to the key: `ok` (default), or what was lost (entries are denied then). */
  readonly exchangeAccess?: ExchangeAccess;
}

/** The account's access to Upbit: working, the key refused, or the order permission missing. */
export type ExchangeAccess = 'ok' | 'credentials' | 'order-permission';

/** An entry cannot work without access; an exit is not denied here (the executor holds it). */
const accessDenial = (order: OrderToCheck, access: ExchangeAccess | undefined): Denial | null =>
  order.leg === 'exit' || access === undefined || access === 'ok'
    ? null
    : access === 'credentials'
      ? denials.accessLost()
      : denials.orderPermissionMissing();

/** An order that passed every check, with the KRW it moves and, for a buy, what it locks. */
export interface ApprovedOrder {
  readonly order: OrderToCheck;
  /** Order total; for a market sell estimated from its reference price, null without one. */
  readonly totalKrw: Krw | null;
  /** A buy locks total x (1 + feeRate); null for a sell. */
  readonly reservedKrw: Krw | null;
}

/** Every denial found (at least one), or the approved order. */
export type PreTradeResult = E.Either<ReadonlyNonEmptyArray<Denial>, ApprovedOrder>;

const stateDenial = (order: OrderToCheck, state: TradingStateName): Denial | null =>
  order.leg === 'exit' || state === 'ACTIVE'
    ? null
    : state === 'HALTED'
      ? denials.halted()
      : denials.reducing();

function totalDenials(total: Krw | null, ctx: PreTradeContext): Denial[] {
  if (total === null) return [];
  const min = ctx.minTotalKrw ?? MIN_ORDER_KRW;
  const max = ctx.maxTotalKrw ?? MAX_ORDER_KRW;
  if (total.lt(min)) return [denials.underMinTotal(total, min)];
  if (total.gt(max)) return [denials.overMaxTotal(total, max)];
  return [];
}

function gridDenials(shaped: ShapedOrder, ctx: PreTradeContext): Denial[] {
  const found: Denial[] = [];
  if (shaped.form === 'limit' && !isOnTickGrid(shaped.price, ctx.tickSize))
    found.push(denials.offTickGrid(shaped.price, ctx.tickSize ?? krwTickSize(shaped.price)));
  if (shaped.form !== 'market-bid' && !hasValidVolumeDecimals(shaped.volume))
    found.push(denials.tooManyDecimals(shaped.volume, VOLUME_DECIMALS));
  return found;
}

const reservedFor = (order: OrderToCheck, total: Krw | null, ctx: PreTradeContext): Krw | null =>
  order.side === 'bid' && total !== null ? krw(total.mul(ctx.feeRate.plus(1))) : null;

function balanceDenials(order: OrderToCheck, shaped: ShapedOrder, ctx: PreTradeContext): Denial[] {
  const reserved = reservedFor(order, shaped.totalKrw, ctx);
  if (reserved !== null)
    return reserved.gt(ctx.availableKrw)
      ? [denials.insufficientBalance('KRW', reserved, ctx.availableKrw)]
      : [];
  if (shaped.form === 'market-bid' || shaped.volume.lte(ctx.availableBase)) return [];
  return [
    denials.insufficientBalance(baseCurrency(order.market), shaped.volume, ctx.availableBase),
  ];
}

function capDenials(order: OrderToCheck, total: Krw | null, ctx: PreTradeContext): Denial[] {
  if (order.leg === 'exit') return [];
  const found: Denial[] = [];
  const { maxOpenPositions: maxOpen, maxExposurePerMarketKrw: maxExposure } = ctx;
  if (maxOpen !== null && ctx.openPositions >= maxOpen)
    found.push(denials.maxOpenPositions(ctx.openPositions, maxOpen));
  const exposure = ctx.exposureByMarket[order.market] ?? krw(0);
  if (maxExposure !== null && total !== null && exposure.plus(total).gt(maxExposure))
    found.push(denials.maxExposure(order.market, exposure, total, maxExposure));
  return found;
}

/**
 * Checks an order before it may reach Upbit (ARCHITECTURE §9, reliability #13). Exits pass the
 * trading-state and cap checks in every state; everything else applies to both legs. Returns
 * every denial found, in a fixed order; a malformed order gets only `invalid-order-shape`.
 */
export function checkOrder(order: OrderToCheck, ctx: PreTradeContext): PreTradeResult {
  const shapedOrDenial = shapeOrder(order);
  if (E.isLeft(shapedOrDenial)) return E.left([shapedOrDenial.left]);
  const shaped = shapedOrDenial.right;
  const state = stateDenial(order, ctx.tradingState);
  const access = accessDenial(order, ctx.exchangeAccess);
  const found = [
    ...(access === null ? [] : [access]),
    ...(state === null ? [] : [state]),
    ...totalDenials(shaped.totalKrw, ctx),
    ...gridDenials(shaped, ctx),
    ...balanceDenials(order, shaped, ctx),
    ...capDenials(order, shaped.totalKrw, ctx),
  ];
  const [first, ...rest] = found;
  if (first !== undefined) return E.left([first, ...rest]);
  const { totalKrw } = shaped;
  return E.right({ order, totalKrw, reservedKrw: reservedFor(order, totalKrw, ctx) });
}
