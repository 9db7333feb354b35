import { deepEqual, equal } from 'node:assert/strict';
import * as t from 'io-ts';
import { decodeOrThrow } from '@hoga/model';
import { failingPaths } from './testing/codec.js';
import { NonNegativeIntC, nullable, PercentC, taggedUnion, text } from './codec-helpers.js';

describe('codec helpers', () => {
  it('NonNegativeInt takes safe non-negative integers only', () => {
    for (const n of [0, 1, Number.MAX_SAFE_INTEGER]) equal(NonNegativeIntC.is(n), true);
    for (const n of [-1, 1.5, NaN, Infinity, 2 ** 53, '1'])
      deepEqual(failingPaths(NonNegativeIntC, n), [''], String(n));
  });
  it('Percent is exact and within (0, 100]', () => {
    equal(PercentC.encode(decodeOrThrow(PercentC, '12.50')), '12.5');
    equal(decodeOrThrow(PercentC, 100).toString(), '100');
    for (const bad of ['0', '-1', '100.000001', 'ten'])
      deepEqual(failingPaths(PercentC, bad), ['']);
  });
  it('text bounds the length', () => {
    deepEqual(failingPaths(text(3, 1), ''), ['']);
    deepEqual(failingPaths(text(3, 1), 'abcd'), ['']);
    equal(text(3, 1).is('abc'), true);
  });
  it('nullable reports only the inner expectation', () => {
    const C = t.strict({ p: nullable(NonNegativeIntC) });
    deepEqual(failingPaths(C, { p: -1 }), ['p']);
    deepEqual(C.decode({ p: null }), { _tag: 'Right', right: { p: null } });
  });
  it('a tagged union names the tag when no member has it', () => {
    const U = taggedUnion('U', 'kind', '"a" | "b"', [
      t.strict({ kind: t.literal('a'), x: t.number }),
      t.strict({ kind: t.literal('b'), y: t.string }),
    ]);
    deepEqual(failingPaths(U, { kind: 'c' }), ['kind']);
    deepEqual(failingPaths(U, { kind: 'a', x: 'no' }), ['x']);
    deepEqual(failingPaths(U, 42), ['']);
  });
});
