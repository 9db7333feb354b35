import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import { jsonFaithful } from './json-faithful.js';

describe('jsonFaithful', () => {
  it('accepts plain JSON data', () => {
    for (const v of ['a', true, null, 0, -1.5, [], [1, 'x', null], {}, { a: { b: [1] } }])
      strictEqual(jsonFaithful(v), true, JSON.stringify(v));
    strictEqual(jsonFaithful(Object.create(null) as object), true);
  });

  it('refuses what JSON changes or drops', () => {
    const holey: unknown[] = [];
    holey[1] = 1;
    const deep: unknown[] = [];
    let at = deep;
    for (let i = 0; i < 40; i++) at.push((at = []));
    for (const v of [
      undefined,
      Number.NaN,
      -0,
      Number.POSITIVE_INFINITY,
      1n,
      () => 1,
      Symbol('s'),
      new Date(0),
      { toJSON: () => 1 },
      { a: undefined },
      { [Symbol('k')]: 1 },
      holey,
      new Map(),
      deep,
    ])
      strictEqual(jsonFaithful(v), false, String(typeof v));
  });

  it('is true only for values that come back equal from JSON (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withDate: true, withMap: true }), (v) => {
        if (jsonFaithful(v)) deepStrictEqual(JSON.parse(JSON.stringify(v)), v);
      }),
    );
  });
});
