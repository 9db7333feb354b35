import { deepEqual, equal } from 'node:assert/strict';
import fc from 'fast-check';
import { dec } from '@hoga/model';
import { hashInput, toPairs, wireQuery } from './query-string.js';

describe('query strings', () => {
  it('URL-encodes values on the wire but keeps the [] of array names', () => {
    const pairs = toPairs({
      market: 'KRW-BTC',
      states: ['done', 'cancel'],
      start_time: '2026-11-23T09:00:00+09:00',
    });
    equal(
      wireQuery(pairs),
      'market=KRW-BTC&states[]=done&states[]=cancel&start_time=2026-11-23T09%3A00%3A00%2B09%3A00',
    );
    equal(
      hashInput(pairs),
      'market=KRW-BTC&states[]=done&states[]=cancel&start_time=2026-11-23T09:00:00+09:00',
    );
  });

  it('leaves out undefined, null and empty arrays, and prints decimals plainly', () => {
    const pairs = toPairs({
      a: undefined,
      b: null,
      c: [],
      price: dec('0.00000001'),
      n: 3,
      flag: true,
      'uuids[]': ['x'],
    });
    deepEqual(pairs, [
      { key: 'price', value: '0.00000001' },
      { key: 'n', value: '3' },
      { key: 'flag', value: 'true' },
      { key: 'uuids[]', value: 'x' },
    ]);
  });

  it('round-trips: what the server decodes from the wire is exactly what was hashed', () => {
    const key = fc.stringMatching(/^[a-z_]{1,12}$/);
    const value = fc.string({ unit: 'binary', maxLength: 20 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.oneof(value, fc.array(value, { minLength: 1, maxLength: 3 }))), {
          maxLength: 6,
        }),
        (entries) => {
          const params = Object.fromEntries(entries);
          const pairs = toPairs(params);
          const decoded = [...new URLSearchParams(wireQuery(pairs))]
            .map(([k, v]) => `${k}=${v}`)
            .join('&');
          equal(decoded, hashInput(pairs));
        },
      ),
    );
  });
});
