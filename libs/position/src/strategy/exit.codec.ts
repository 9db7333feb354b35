import type * as t from 'io-ts';
import { closedStruct, type RuleViolation } from './closed-struct.codec.js';
import { ConditionC } from './condition.codec.js';
import type { JsonObject } from './indicator-ref.codec.js';
import { DropPercentC, MaxHoldMinutesC, PercentC } from './spec-scalars.codec.js';
import type { ExitSpec } from './strategy-spec.js';

/** The exits that bound a position's loss or its lifetime; at least one is required. */
export const PROTECTIVE_EXITS = ['stopLossPct', 'trailingStopPct', 'maxHoldMinutes'] as const;

function exitRules(exit: ExitSpec): readonly RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (exit.trailingActivationPct !== undefined && exit.trailingStopPct === undefined) {
    violations.push([
      'trailingActivationPct',
      'needs trailingStopPct (an activation level without a trailing stop does nothing)',
    ]);
  }
  if (PROTECTIVE_EXITS.every((k) => exit[k] === undefined)) {
    violations.push([
      '',
      `needs at least one of ${PROTECTIVE_EXITS.join(', ')} ` +
        '(take-profit and `when` only fire if the market cooperates)',
    ]);
  }
  return violations;
}

/**
 * Exit rules: percentages > 0 (stop-loss and trailing stop below 100), a trailing activation
 * only with a trailing stop, and at least one protective exit (see {@link PROTECTIVE_EXITS}).
 */
export const ExitSpecC: t.Type<ExitSpec, JsonObject, unknown> = closedStruct(
  'exit',
  {},
  {
    takeProfitPct: PercentC,
    stopLossPct: DropPercentC,
    trailingStopPct: DropPercentC,
    trailingActivationPct: PercentC,
    maxHoldMinutes: MaxHoldMinutesC,
    when: ConditionC,
  },
  { rules: exitRules },
);
