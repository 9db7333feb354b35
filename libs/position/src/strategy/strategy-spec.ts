import type { Decimal, Krw, Market, StrategyId } from '@hoga/model';

/** Upbit minute-candle units a condition may use. */
export const INTERVALS = ['1m', '3m', '5m', '10m', '15m', '30m', '60m', '240m'] as const;
export type Interval = (typeof INTERVALS)[number];

/** Indicators a condition may use. */
export const INDICATORS = ['price', 'sma', 'ema', 'rsi', 'bollinger', 'roc'] as const;
export type IndicatorName = (typeof INDICATORS)[number];

/** Comparison operators of a condition leaf. */
export const COMPARISON_OPS = ['<', '<=', '>', '>=', 'crossesAbove', 'crossesBelow'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

export const BOLLINGER_BANDS = ['upper', 'middle', 'lower'] as const;
export type BollingerBand = (typeof BOLLINGER_BANDS)[number];

/** The live (last traded) price. Takes no period and no interval. */
export interface PriceRef {
  readonly indicator: 'price';
}
/** An indicator over the last `period` closed candles of `interval`. */
export interface PeriodicRef {
  readonly indicator: 'sma' | 'ema' | 'rsi' | 'roc';
  readonly period: number;
  readonly interval: Interval;
}
/** One Bollinger band: SMA(period) ± stdDev · population standard deviation. */
export interface BollingerRef {
  readonly indicator: 'bollinger';
  readonly period: number;
  readonly interval: Interval;
  readonly band: BollingerBand;
  /** Width in standard deviations (default 2). */
  readonly stdDev: Decimal;
}
/** What a condition compares: an indicator with its parameters. */
export type IndicatorRef = PriceRef | PeriodicRef | BollingerRef;

/** Compare an indicator with a constant `value` or with another indicator `ref`. */
export type ConditionLeaf = IndicatorRef & { readonly op: ComparisonOp } & (
    | { readonly value: Decimal; readonly ref?: undefined }
    | { readonly ref: IndicatorRef; readonly value?: undefined }
  );
export interface AllCondition {
  readonly all: readonly Condition[];
}
export interface AnyCondition {
  readonly any: readonly Condition[];
}
export interface NotCondition {
  readonly not: Condition;
}
/** A condition tree: leaves combined with `all`, `any` and `not`. */
export type Condition = AllCondition | AnyCondition | NotCondition | ConditionLeaf;

/** `immediate` enters at once; a condition enters on the first evaluation where it holds. */
export type EntrySpec = 'immediate' | Condition;

/**
 * Exit rules. Percentages are exact decimals relative to the average entry price
 * (`stopLossPct: 5` = 5 % below entry); the trailing stop is measured from the peak price
 * since entry and arms once the price is `trailingActivationPct` above entry.
 */
export interface ExitSpec {
  readonly takeProfitPct?: Decimal;
  readonly stopLossPct?: Decimal;
  readonly trailingStopPct?: Decimal;
  readonly trailingActivationPct?: Decimal;
  readonly maxHoldMinutes?: number;
  readonly when?: Condition;
}

/**
 * How an order is placed: at market, or as a limit order `offsetTicks` ticks from the
 * reference price, positive = more patient (buy below / sell above), negative = crossing.
 */
export type OrderStyle = 'market' | { readonly limit: { readonly offsetTicks: number } };
export interface OrdersSpec {
  readonly entry: OrderStyle;
  readonly exit: OrderStyle;
}

/** A validated strategy: what to buy, with how much, when to enter and when to leave. */
export interface StrategySpec {
  readonly id: StrategyId;
  readonly market: Market;
  /** KRW spent on entry (≥ 5,000). */
  readonly budgetKrw: Krw;
  readonly entry: EntrySpec;
  readonly exit: ExitSpec;
  readonly orders: OrdersSpec;
}

/** True for a leaf (an indicator comparison), false for `all`/`any`/`not`. */
export const isConditionLeaf = (c: Condition): c is ConditionLeaf => 'indicator' in c;
