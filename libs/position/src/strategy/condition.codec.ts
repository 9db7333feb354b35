import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { closedStruct, isRecord, type RuleViolation } from './closed-struct.codec.js';
import {
  byIndicator,
  IndicatorRefC,
  perIndicator,
  type JsonObject,
} from './indicator-ref.codec.js';
import { oneOf, ThresholdC } from './spec-scalars.codec.js';
import { COMPARISON_OPS, type Condition, type ConditionLeaf } from './strategy-spec.js';

/** Deepest accepted io-ts context (one or two entries per nesting level). */
const MAX_CONTEXT_DEPTH = 64;
const SHAPE =
  'expected a condition: { all: [...] }, { any: [...] }, { not: {...} } or { indicator, op, value | ref }';

const OpC = oneOf('operator', COMPARISON_OPS);

const valueOrRef = (leaf: JsonObject): readonly RuleViolation[] => {
  if (leaf['value'] === undefined && leaf['ref'] === undefined) {
    return [['', 'needs a value or a ref to compare with']];
  }
  if (leaf['value'] !== undefined && leaf['ref'] !== undefined) {
    return [['ref', 'give either value or ref, not both']];
  }
  return [];
};

/** A comparison of an indicator with a constant `value` or another indicator `ref`. */
export const ConditionLeafC = byIndicator(
  'ConditionLeaf',
  perIndicator<ConditionLeaf>(
    'condition',
    { op: OpC },
    { value: ThresholdC, ref: IndicatorRefC },
    valueOrRef,
  ),
);

type ConditionCodec = t.Type<Condition, JsonObject, unknown>;
const pick = (u: Readonly<Record<string, unknown>>): ConditionCodec | undefined => {
  if (Object.hasOwn(u, 'all')) return AllC;
  if (Object.hasOwn(u, 'any')) return AnyC;
  if (Object.hasOwn(u, 'not')) return NotC;
  // Safe: pick dispatches on the keys, so a leaf codec only ever meets leaves.
  if (Object.hasOwn(u, 'indicator')) return ConditionLeafC as unknown as ConditionCodec;
  return undefined;
};

/** A condition tree: leaves and `all` / `any` / `not` (dispatched on the key present). */
export const ConditionC: t.Type<Condition, JsonObject, unknown> = new t.Type<
  Condition,
  JsonObject,
  unknown
>(
  'Condition',
  (u): u is Condition => isRecord(u) && (pick(u)?.is(u) ?? false),
  (u, c) => {
    if (!isRecord(u)) return t.failure(u, c, SHAPE);
    if (c.length > MAX_CONTEXT_DEPTH) return t.failure(u, c, 'conditions are nested too deeply');
    const codec = pick(u);
    return codec === undefined ? t.failure(u, c, SHAPE) : codec.validate(u, c);
  },
  (a) => pick(a as unknown as Record<string, unknown>)!.encode(a),
);

/** A non-empty list of conditions (an empty `all` would always hold: surely a mistake). */
const ConditionListC = new t.Type<readonly Condition[], JsonObject[], unknown>(
  'ConditionList',
  (u): u is readonly Condition[] =>
    Array.isArray(u) && u.length > 0 && u.every((x) => ConditionC.is(x)),
  (u, c) => {
    if (!Array.isArray(u)) return t.failure(u, c, 'expected a list of conditions');
    if (u.length === 0) return t.failure(u, c, 'needs at least one condition');
    const errors: t.ValidationError[] = [];
    const out: Condition[] = [];
    u.forEach((x: unknown, i) => {
      const r = ConditionC.validate(x, t.appendContext(c, String(i), ConditionC, x));
      if (E.isLeft(r)) errors.push(...r.left);
      else out.push(r.right);
    });
    return errors.length > 0 ? t.failures(errors) : t.success(out);
  },
  (list) => list.map((x) => ConditionC.encode(x)),
);

const AllC = closedStruct('all', { all: ConditionListC }, {}) as unknown as ConditionCodec;
const AnyC = closedStruct('any', { any: ConditionListC }, {}) as unknown as ConditionCodec;
const NotC = closedStruct('not', { not: ConditionC }, {}) as unknown as ConditionCodec;
