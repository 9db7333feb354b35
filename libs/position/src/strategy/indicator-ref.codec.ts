import * as t from 'io-ts';
import { dec } from '@hoga/model';
import {
  closedStruct,
  failureAt,
  isRecord,
  withDefaults,
  type StructOptions,
} from './closed-struct.codec.js';
import { oneOf, PeriodC, StdDevC } from './spec-scalars.codec.js';
import {
  BOLLINGER_BANDS,
  INDICATORS,
  INTERVALS,
  type IndicatorName,
  type IndicatorRef,
} from './strategy-spec.js';

/** An encoded (JSON) object. */
export type JsonObject = { readonly [key: string]: unknown };
type Props = Readonly<Record<string, t.Mixed>>;

/** Bollinger width when `stdDev` is omitted. */
export const DEFAULT_STD_DEV = dec(2);

export const IntervalC = oneOf('interval', INTERVALS);
export const IndicatorNameC = oneOf('indicator', INDICATORS);
const BandC = oneOf('band', BOLLINGER_BANDS);

const periodic = { period: PeriodC, interval: IntervalC };
/** The parameters each indicator takes, besides `indicator`. */
export const INDICATOR_PARAMS: Readonly<
  Record<IndicatorName, { required: Props; optional: Props }>
> = {
  price: { required: {}, optional: {} },
  sma: { required: periodic, optional: {} },
  ema: { required: periodic, optional: {} },
  rsi: { required: periodic, optional: {} },
  roc: { required: periodic, optional: {} },
  bollinger: { required: { ...periodic, band: BandC }, optional: { stdDev: StdDevC } },
};

const takers = (param: string) =>
  INDICATORS.filter((i) =>
    Object.hasOwn({ ...INDICATOR_PARAMS[i].required, ...INDICATOR_PARAMS[i].optional }, param),
  );

/** "rsi takes no band (only bollinger does)": the reason for a parameter of another indicator. */
export const foreignParamReason =
  (indicator: IndicatorName) =>
  (key: string): string | undefined => {
    const owners = takers(key);
    if (owners.length === 0) return undefined;
    return `${indicator} takes no ${key} (only ${owners.join(', ')} ${owners.length === 1 ? 'does' : 'do'})`;
  };

/**
 * A codec per indicator, built from its parameters plus `extra` fields (a condition leaf adds
 * `op`, `value`, `ref`); Bollinger's `stdDev` defaults to 2.
 */
export function perIndicator<A>(
  name: string,
  extraRequired: Props,
  extraOptional: Props,
  rules?: StructOptions<JsonObject>['rules'],
): Readonly<Record<IndicatorName, t.Type<A, JsonObject, unknown>>> {
  const build = (indicator: IndicatorName) => {
    const { required, optional } = INDICATOR_PARAMS[indicator];
    const struct = closedStruct(
      `${indicator} ${name}`,
      { indicator: t.literal(indicator), ...required, ...extraRequired },
      { ...optional, ...extraOptional },
      { unknownKey: foreignParamReason(indicator), ...(rules ? { rules } : {}) },
    );
    const filled =
      indicator === 'bollinger'
        ? withDefaults(struct, (a) => ({
            ...a,
            stdDev: (a['stdDev'] as unknown) ?? DEFAULT_STD_DEV,
          }))
        : struct;
    return filled as unknown as t.Type<A, JsonObject, unknown>;
  };
  return Object.fromEntries(INDICATORS.map((i) => [i, build(i)])) as Record<
    IndicatorName,
    t.Type<A, JsonObject, unknown>
  >;
}

/** Dispatches on the `indicator` field to the codec of that indicator. */
export function byIndicator<A extends { readonly indicator: IndicatorName }>(
  name: string,
  codecs: Readonly<Record<IndicatorName, t.Type<A, JsonObject, unknown>>>,
): t.Type<A, JsonObject, unknown> {
  return new t.Type<A, JsonObject, unknown>(
    name,
    (u): u is A => isRecord(u) && IndicatorNameC.is(u['indicator']) && codecs[u['indicator']].is(u),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, 'expected an object');
      if (u['indicator'] === undefined)
        return t.failures([failureAt(c, 'indicator', undefined, 'required')]);
      const ctx = t.appendContext(c, 'indicator', IndicatorNameC, u['indicator']);
      const indicator = IndicatorNameC.validate(u['indicator'], ctx);
      return indicator._tag === 'Left' ? indicator : codecs[indicator.right].validate(u, c);
    },
    (a) => codecs[a.indicator].encode(a),
  );
}

/** An indicator with its parameters (`ref` of a condition leaf). */
export const IndicatorRefC = byIndicator(
  'IndicatorRef',
  perIndicator<IndicatorRef>('reference', {}, {}),
);
