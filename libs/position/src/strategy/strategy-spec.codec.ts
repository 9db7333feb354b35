import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { closedStruct, withDefaults } from './closed-struct.codec.js';
import { ConditionC } from './condition.codec.js';
import { ExitSpecC } from './exit.codec.js';
import type { JsonObject } from './indicator-ref.codec.js';
import { MARKET_ORDERS, OrdersSpecC } from './orders.codec.js';
import { BudgetKrwC, MarketC, StrategyIdC } from './spec-scalars.codec.js';
import { StrategySpecError, toSpecIssues } from './strategy-spec-error.js';
import type { EntrySpec, StrategySpec } from './strategy-spec.js';

/** `immediate`, or a condition tree. */
export const EntrySpecC = new t.Type<EntrySpec, string | JsonObject, unknown>(
  'EntrySpec',
  (u): u is EntrySpec => u === 'immediate' || ConditionC.is(u),
  (u, c) => {
    if (u === 'immediate') return t.success(u);
    if (typeof u === 'string') return t.failure(u, c, "expected 'immediate' or a condition");
    return ConditionC.validate(u, c);
  },
  (entry) => (entry === 'immediate' ? entry : ConditionC.encode(entry)),
);

/**
 * The strategy spec (ARCHITECTURE §6). Decoding rejects unknown keys at every level;
 * `orders` defaults to market entry and exit. Encoding gives plain JSON (decimals as
 * strings) that decodes back to an equal spec: store that in `PositionOpened.strategy`.
 */
export const StrategySpecC: t.Type<StrategySpec, JsonObject, unknown> = withDefaults(
  closedStruct(
    'StrategySpec',
    { id: StrategyIdC, market: MarketC, budgetKrw: BudgetKrwC, entry: EntrySpecC, exit: ExitSpecC },
    { orders: OrdersSpecC },
  ),
  (s) => ({ ...s, orders: s.orders ?? MARKET_ORDERS }),
);

/** Decodes an already-parsed strategy (a JSON value); failures name each field and why. */
export function decodeStrategySpec(input: unknown): E.Either<StrategySpecError, StrategySpec> {
  const result = StrategySpecC.decode(input);
  return E.isRight(result) ? result : E.left(new StrategySpecError(toSpecIssues(result.left)));
}

/** Encodes a spec to plain JSON (decimals as strings); `decodeStrategySpec` reads it back. */
export const encodeStrategySpec = (spec: StrategySpec): JsonObject => StrategySpecC.encode(spec);
