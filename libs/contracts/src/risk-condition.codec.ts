import * as t from 'io-ts';
import { Market } from '@hoga/model';
import { text } from './codec-helpers.js';
import { IsoDateTime } from './envelope.js';

/**
 * Something that keeps trading from working as the trading state says, without changing the
 * state (it clears by itself): `exchange-access` (Upbit refuses the key or its order
 * permission: entries are denied, exits are held) and `market-feed-quiet` (markets where
 * positions hold coins have had no tick for too long: their stops are blind).
 */
export const RiskCondition = t.strict(
  {
    kind: t.keyof({ 'exchange-access': null, 'market-feed-quiet': null }, 'RiskConditionKind'),
    /** For people: what is wrong and what it means for trading. */
    reason: text(500),
    since: IsoDateTime,
    /** The markets concerned (quiet markets, markets with held exits); empty: all. */
    markets: t.array(Market),
  },
  'RiskCondition',
);
export type RiskCondition = t.TypeOf<typeof RiskCondition>;

const ConditionsC = t.array(RiskCondition, 'RiskConditions');

/**
 * `base` plus an optional `conditions` list: absent stays absent (messages written before
 * conditions existed still decode), present must be valid. A plain intersection would report a
 * missing value twice.
 */
export function withConditions<A extends object, O extends object>(
  base: t.Type<A, O, unknown>,
): t.Type<A & { conditions?: RiskCondition[] }, O & { conditions?: unknown[] }, unknown> {
  type Out = A & { conditions?: RiskCondition[] };
  return new t.Type<Out, O & { conditions?: unknown[] }, unknown>(
    base.name,
    (u): u is Out => {
      if (!base.is(u)) return false;
      const cs = (u as { conditions?: unknown }).conditions;
      return cs === undefined || ConditionsC.is(cs);
    },
    (u, c) => {
      const decoded = base.validate(u, c);
      if (decoded._tag === 'Left') return decoded;
      const raw = (u as { conditions?: unknown }).conditions;
      if (raw === undefined) return t.success(decoded.right);
      const cs = ConditionsC.validate(raw, t.appendContext(c, 'conditions', ConditionsC, raw));
      return cs._tag === 'Left' ? cs : t.success({ ...decoded.right, conditions: cs.right });
    },
    (a) => {
      const { conditions, ...rest } = a;
      const encoded = base.encode(rest as unknown as A);
      return conditions === undefined
        ? encoded
        : { ...encoded, conditions: conditions.map((x) => RiskCondition.encode(x)) };
    },
  );
}
