import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import {
  Decimal,
  formatKrw,
  MAX_ORDER_KRW,
  MIN_ORDER_KRW,
  parseDecimal,
  type Krw,
  Market,
  StrategyId,
} from '@hoga/model';

/** Longest accepted indicator period, in candles (bounds the warm-up history). */
export const MAX_PERIOD = 1000;
/** Largest accepted limit-order offset, in ticks. */
export const MAX_OFFSET_TICKS = 100;

/**
 * An exact decimal from a JSON/YAML number or a decimal string, encoded as a string;
 * `check` returns the reason a parsed value is refused.
 */
export function decimalField<D extends Decimal = Decimal>(
  name: string,
  check: (d: Decimal) => string | undefined,
): t.Type<D, string, unknown> {
  return new t.Type<D, string, unknown>(
    name,
    (u): u is D => u instanceof Decimal && check(u) === undefined,
    (u, c) => {
      const d = typeof u === 'number' || typeof u === 'string' ? parseDecimal(u) : undefined;
      if (d === undefined || !d.isFinite()) {
        return t.failure(u, c, 'expected a number or a decimal string');
      }
      const reason = check(d);
      return reason === undefined ? t.success(d as D) : t.failure(u, c, reason);
    },
    (d) => d.toString(),
  );
}

const above0 = (d: Decimal) => (d.gt(0) ? undefined : 'must be greater than 0');

/** A percentage > 0 (take-profit, trailing activation). */
export const PercentC = decimalField('Percent', above0);
/** A percentage of a fall: > 0 and < 100 (a price cannot fall 100 %). */
export const DropPercentC = decimalField('DropPercent', (d) =>
  d.gte(100) ? 'must be below 100 (a price cannot fall 100% or more)' : above0(d),
);
/** Any finite decimal (a condition threshold). */
export const ThresholdC = decimalField('Threshold', () => undefined);
/** A positive width in standard deviations. */
export const StdDevC = decimalField('StdDev', above0);
/** KRW to spend on entry: Upbit's minimum order total up to its maximum. */
export const BudgetKrwC = decimalField<Krw>('BudgetKrw', (d) => {
  if (d.lt(MIN_ORDER_KRW))
    return `must be at least ${formatKrw(MIN_ORDER_KRW, 'en', 'exact')} (Upbit's minimum order)`;
  if (d.gt(MAX_ORDER_KRW))
    return `must be at most ${formatKrw(MAX_ORDER_KRW, 'en', 'exact')} (Upbit's maximum order)`;
  return undefined;
});

/** A whole number in [min, max]. */
export function integerField(
  name: string,
  min: number,
  max: number,
): t.Type<number, number, unknown> {
  return new t.Type<number, number, unknown>(
    name,
    (u): u is number => Number.isSafeInteger(u) && (u as number) >= min && (u as number) <= max,
    (u, c) => {
      if (typeof u !== 'number' || !Number.isFinite(u)) return t.failure(u, c, 'expected a number');
      if (!Number.isInteger(u)) return t.failure(u, c, 'must be a whole number');
      if (u < min) return t.failure(u, c, `must be at least ${min}`);
      if (u > max) return t.failure(u, c, `must be at most ${max}`);
      return t.success(u);
    },
    (n) => n,
  );
}

export const PeriodC = integerField('Period', 1, MAX_PERIOD);
export const MaxHoldMinutesC = integerField('MaxHoldMinutes', 1, Number.MAX_SAFE_INTEGER);
export const OffsetTicksC = integerField('OffsetTicks', -MAX_OFFSET_TICKS, MAX_OFFSET_TICKS);

/** A short rendering of a received value for a reason (strategy files hold no secrets). */
function show(u: unknown): string {
  const text = typeof u === 'string' ? `'${u}'` : (JSON.stringify(u) ?? String(u));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** One of a fixed set of strings; an unknown one is named with the accepted list. */
export function oneOf<const V extends string>(
  what: string,
  values: readonly V[],
): t.Type<V, V, unknown> {
  return new t.Type<V, V, unknown>(
    what,
    (u): u is V => values.includes(u as V),
    (u, c) =>
      values.includes(u as V)
        ? t.success(u as V)
        : t.failure(u, c, `unknown ${what} ${show(u)} (expected one of: ${values.join(', ')})`),
    (v) => v,
  );
}

/** Replaces a codec's failures by one failure with a readable reason. */
export function withReason<A, O>(
  codec: t.Type<A, O, unknown>,
  reason: string,
): t.Type<A, O, unknown> {
  return new t.Type<A, O, unknown>(
    codec.name,
    codec.is,
    (u, c) => {
      const r = codec.validate(u, c);
      return E.isRight(r) ? r : t.failure(u, c, reason);
    },
    codec.encode,
  );
}

export const StrategyIdC = withReason(
  StrategyId,
  'expected 1-64 characters of letters, digits, _ and -',
);
export const MarketC = withReason(Market, "expected a KRW market code like 'KRW-BTC'");
