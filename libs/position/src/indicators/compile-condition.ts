import {
  isConditionLeaf,
  type Condition,
  type ConditionLeaf,
  type IndicatorRef,
  type Interval,
} from '../strategy/strategy-spec.js';
import { CrossDetector } from './cross-detector.js';
import type { Indicator } from './indicator.js';
import type { IndicatorSet } from './indicator-set.js';

/** Three-valued truth: `undefined` = unknown (an indicator is not ready). */
export type Truth = boolean | undefined;
/** A compiled condition: evaluates at a live price (a JS number). */
export type CompiledCondition = (livePrice: number) => Truth;
/** The indicators a compiled condition reads, by interval. */
export type UsedIndicator = { readonly interval: Interval; readonly indicator: Indicator };

type Operand = (livePrice: number) => number | undefined;

/** Kleene AND / OR: false beats unknown in `all`, true beats unknown in `any`. */
const and = (values: readonly Truth[]): Truth =>
  values.includes(false) ? false : values.includes(undefined) ? undefined : true;
const or = (values: readonly Truth[]): Truth =>
  values.includes(true) ? true : values.includes(undefined) ? undefined : false;

function operand(ref: IndicatorRef, set: IndicatorSet, used: UsedIndicator[]): Operand {
  const indicator = set.get(ref);
  if (ref.indicator !== 'price') used.push({ interval: ref.interval, indicator });
  return (livePrice) => indicator.peek(livePrice);
}

function compileLeaf(
  leaf: ConditionLeaf,
  set: IndicatorSet,
  used: UsedIndicator[],
): CompiledCondition {
  const left = operand(leaf, set, used);
  const constant = leaf.value?.toNumber();
  const right: Operand = leaf.ref === undefined ? () => constant : operand(leaf.ref, set, used);
  const compare = (livePrice: number, test: (l: number, r: number) => boolean): Truth => {
    const l = left(livePrice);
    const r = right(livePrice);
    return l === undefined || r === undefined ? undefined : test(l, r);
  };
  switch (leaf.op) {
    case '<':
      return (p) => compare(p, (l, r) => l < r);
    case '<=':
      return (p) => compare(p, (l, r) => l <= r);
    case '>':
      return (p) => compare(p, (l, r) => l > r);
    case '>=':
      return (p) => compare(p, (l, r) => l >= r);
    case 'crossesAbove':
    case 'crossesBelow': {
      const cross = new CrossDetector(leaf.op === 'crossesAbove' ? 'above' : 'below');
      return (p) => compare(p, (l, r) => cross.next(l - r));
    }
  }
}

/**
 * Compiles a condition tree over an indicator set. Every leaf is evaluated on every call
 * (no short-circuit), so each cross leaf sees consecutive evaluations.
 */
export function compileCondition(
  condition: Condition,
  set: IndicatorSet,
  used: UsedIndicator[] = [],
): CompiledCondition {
  if (isConditionLeaf(condition)) return compileLeaf(condition, set, used);
  if ('not' in condition) {
    const inner = compileCondition(condition.not, set, used);
    return (p) => {
      const v = inner(p);
      return v === undefined ? undefined : !v;
    };
  }
  const [combine, children] = 'all' in condition ? [and, condition.all] : [or, condition.any];
  const compiled = children.map((c) => compileCondition(c, set, used));
  return (p) => combine(compiled.map((c) => c(p)));
}
