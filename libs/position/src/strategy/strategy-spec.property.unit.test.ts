import { deepEqual, ok } from 'node:assert/strict';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { MAX_OFFSET_TICKS, MAX_PERIOD } from './spec-scalars.codec.js';
import { decodeStrategySpec, encodeStrategySpec } from './strategy-spec.codec.js';
import { BOLLINGER_BANDS, COMPARISON_OPS, INTERVALS } from './strategy-spec.js';

/** Decimal text `i.f`, or a JSON number, strictly between `min` and `max`. */
const decimal = (min: number, max: number) =>
  fc
    .tuple(fc.integer({ min, max: max - 1 }), fc.integer({ min: 0, max: 999_999 }), fc.boolean())
    .filter(([i, f]) => i + f > min)
    .map(([i, f, asText]) => (asText ? `${i}.${f}` : Number(`${i}.${f}`)));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const interval = fc.constantFrom(...INTERVALS);
const period = fc.integer({ min: 1, max: MAX_PERIOD });
const ref = fc.oneof(
  fc.constant({ indicator: 'price' }),
  fc.record({ indicator: fc.constantFrom('sma', 'ema', 'rsi', 'roc'), period, interval }),
  fc.record({
    indicator: fc.constant('bollinger'),
    period,
    interval,
    band: fc.constantFrom(...BOLLINGER_BANDS),
    stdDev: optional(decimal(0, 5)),
  }),
);
const leaf = fc
  .tuple(
    ref,
    fc.constantFrom(...COMPARISON_OPS),
    fc.oneof(fc.record({ value: decimal(-1000, 1000) }), fc.record({ ref })),
  )
  .map(([left, op, right]) => ({ ...left, op, ...right }));
const { condition } = fc.letrec<{ condition: unknown }>((tie) => ({
  condition: fc.oneof(
    { maxDepth: 3 },
    leaf,
    fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('condition') }),
  ),
}));
const trailing = fc.oneof(
  fc.constant({}),
  fc.record({ trailingStopPct: decimal(0, 100), trailingActivationPct: optional(decimal(0, 50)) }),
);
const exit = fc
  .tuple(
    fc.record({ stopLossPct: decimal(0, 100), takeProfitPct: optional(decimal(0, 500)) }),
    trailing,
    fc.record({
      maxHoldMinutes: optional(fc.integer({ min: 1, max: 100_000 })),
      when: optional(condition),
    }),
  )
  .map(([a, b, c]) => ({ ...a, ...b, ...c }));
const orderStyle = fc.oneof(
  fc.constant('market'),
  fc.record({
    limit: fc.record({
      offsetTicks: fc.integer({ min: -MAX_OFFSET_TICKS, max: MAX_OFFSET_TICKS }),
    }),
  }),
);
const spec = fc.record({
  id: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/),
  market: fc.constantFrom('KRW-BTC', 'KRW-ETH', 'KRW-XRP'),
  budgetKrw: decimal(5000, 1_000_000),
  entry: fc.oneof(fc.constant('immediate'), condition),
  exit,
  orders: optional(fc.record({ entry: optional(orderStyle), exit: optional(orderStyle) })),
});
const TOP_KEYS = ['id', 'market', 'budgetKrw', 'entry', 'exit', 'orders'];
const EXIT_KEYS = [
  'takeProfitPct',
  'stopLossPct',
  'trailingStopPct',
  'trailingActivationPct',
  'maxHoldMinutes',
  'when',
];
const json = (u: unknown): unknown => JSON.parse(JSON.stringify(u));

describe('strategy spec properties', () => {
  it('decodes every valid spec, and encode → decode is the identity', () =>
    fc.assert(
      fc.property(spec, (input) => {
        const first = decodeStrategySpec(json(input));
        ok(E.isRight(first), E.isLeft(first) ? first.left.message : '');
        const encoded = json(encodeStrategySpec(first.right));
        const second = decodeStrategySpec(encoded);
        ok(E.isRight(second));
        deepEqual(json(encodeStrategySpec(second.right)), encoded);
      }),
    ));

  it('rejects an unknown key at the top level and in exit, naming its path', () =>
    fc.assert(
      fc.property(
        spec,
        fc.stringMatching(/^[a-zA-Z]{1,12}$/),
        fc.boolean(),
        (input, key, inExit) => {
          fc.pre(!(inExit ? EXIT_KEYS : TOP_KEYS).includes(key));
          const bad = inExit
            ? { ...input, exit: { ...input.exit, [key]: 1 } }
            : { ...input, [key]: 1 };
          const r = decodeStrategySpec(json(bad));
          ok(E.isLeft(r));
          ok(r.left.issues.some((i) => i.path === (inExit ? `exit.${key}` : key)));
        },
      ),
    ));
});
