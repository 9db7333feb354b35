import { deepEqual, equal, ok } from 'node:assert/strict';
import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';
import { NonNegativeIntFromEnv, numberFromEnv, PositiveIntFromEnv } from './env-integers.js';
import { listFromEnv } from './env-list.js';

const decoded = <A>(codec: t.Type<A, unknown, unknown>, u: unknown): A | 'invalid' => {
  const r = codec.decode(u);
  return isRight(r) ? r.right : 'invalid';
};

describe('the from-environment codecs every service config shares', () => {
  it('integers come from JSON numbers and from environment strings', () => {
    equal(decoded(NonNegativeIntFromEnv, 0), 0);
    equal(decoded(NonNegativeIntFromEnv, ' 250 '), 250);
    equal(decoded(PositiveIntFromEnv, '50'), 50);
  });
  it('refuses what is not a whole number in range', () => {
    for (const bad of ['', ' ', '-1', '1.5', 'ten', null, -1, 1.5])
      equal(decoded(NonNegativeIntFromEnv, bad), 'invalid', String(bad));
    equal(decoded(PositiveIntFromEnv, '0'), 'invalid');
  });
  it('a number with its own rule, also from a string', () => {
    const Speed = numberFromEnv('Speed', (n) => n >= 0);
    equal(decoded(Speed, '0.5'), 0.5);
    equal(decoded(Speed, '-1'), 'invalid');
    equal(decoded(Speed, 'Infinity'), 'invalid');
  });
  it('a list from JSON or from a comma-separated string, items trimmed, empties dropped', () => {
    const Names = listFromEnv(t.string, 'Names');
    deepEqual(decoded(Names, 'KRW-BTC, KRW-ETH,,'), ['KRW-BTC', 'KRW-ETH']);
    deepEqual(decoded(Names, ['a']), ['a']);
    deepEqual(decoded(Names, ''), []);
    ok(decoded(listFromEnv(PositiveIntFromEnv, 'Ns'), '1,x') === 'invalid');
  });
});
