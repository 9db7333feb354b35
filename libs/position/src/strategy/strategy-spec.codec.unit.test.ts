import { deepEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { decodeStrategySpec } from './strategy-spec.codec.js';
import type { SpecIssue } from './strategy-spec-error.js';
import { VALID_SPEC as VALID, withEntry, withLeaf as leaf } from './strategy-spec.fixture.js';

function issuesOf(input: unknown): readonly SpecIssue[] {
  const r = decodeStrategySpec(input);
  ok(E.isLeft(r), 'expected the spec to be rejected');
  return r.left.issues;
}

describe('strategy spec decoding', () => {
  it('decodes a valid spec with exact decimals and defaults', () => {
    const r = decodeStrategySpec(VALID);
    ok(E.isRight(r));
    const spec = r.right;
    equal(spec.budgetKrw.toString(), '200000');
    equal(spec.exit.stopLossPct?.toString(), '5');
    deepEqual(spec.orders, { entry: 'market', exit: 'market' });
    const bollinger = decodeStrategySpec(
      leaf({
        indicator: 'bollinger',
        period: 20,
        interval: '5m',
        band: 'lower',
        op: '<',
        value: '0.1',
      }),
    );
    ok(E.isRight(bollinger));
    const entry = bollinger.right.entry;
    const first = entry !== 'immediate' && 'all' in entry ? entry.all[0] : undefined;
    ok(first !== undefined && 'indicator' in first && first.indicator === 'bollinger');
    equal(first.stdDev.toString(), '2');
    equal(first.value?.toString(), '0.1');
  });

  it('accepts immediate entry and limit orders', () => {
    const r = decodeStrategySpec({
      ...VALID,
      entry: 'immediate',
      orders: { entry: { limit: { offsetTicks: -2 } } },
    });
    ok(E.isRight(r));
    equal(r.right.entry, 'immediate');
    deepEqual(r.right.orders, { entry: { limit: { offsetTicks: -2 } }, exit: 'market' });
  });

  it('reports every problem at once', () => {
    const issues = issuesOf({ ...VALID, market: 'BTC', budgetKrw: 10, exit: { stopLossPct: 0 } });
    deepEqual(issues.map((i) => i.path).sort(), ['budgetKrw', 'exit.stopLossPct', 'market']);
  });

  it('bounds nesting depth', () => {
    let deep: unknown = { indicator: 'price', op: '>', value: 1 };
    for (let i = 0; i < 100; i++) deep = { not: deep };
    const issues = issuesOf(withEntry(deep));
    ok(issues.some((i) => /nested too deeply/.test(i.reason)));
  });
});
