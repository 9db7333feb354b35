import { strictEqual } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { decodeStrategySpec, type StrategySpec } from '@hoga/position';
import { StrategyConditions } from './strategy-conditions.js';

const spec = (extra: object): StrategySpec => {
  const decoded = decodeStrategySpec({
    id: 's',
    market: 'KRW-BTC',
    budgetKrw: '200000',
    entry: 'immediate',
    exit: { takeProfitPct: 3, stopLossPct: 5 },
    ...extra,
  });
  if (E.isLeft(decoded)) throw new Error(decoded.left.message);
  return decoded.right;
};
const rsiBelow30 = { indicator: 'rsi', period: 14, interval: '1m', op: '<', value: 30 };

/** An actor skips the flags only when there is nothing to evaluate (ADR 0066). */
describe('StrategyConditions.evaluates', () => {
  it('is false for an immediate entry without an exit `when`', () => {
    strictEqual(new StrategyConditions(spec({})).evaluates, false);
  });
  it('is true with an entry condition', () => {
    strictEqual(new StrategyConditions(spec({ entry: rsiBelow30 })).evaluates, true);
  });
  it('is true with an exit `when` (and an immediate entry)', () => {
    const withWhen = spec({ exit: { takeProfitPct: 3, stopLossPct: 5, when: rsiBelow30 } });
    strictEqual(new StrategyConditions(withWhen).evaluates, true);
  });
});
