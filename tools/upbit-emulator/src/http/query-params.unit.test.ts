import { deepEqual, equal } from 'node:assert/strict';
import { QueryParams, bodyHashInput } from './query-params.js';

describe('query parameters', () => {
  it('hashes the decoded pairs in sent order, with literal brackets for arrays', () => {
    const q = QueryParams.parse('market=KRW-BTC&states%5B%5D=wait&states[]=watch&limit=100')!;
    equal(q.hashInput(), 'market=KRW-BTC&states[]=wait&states[]=watch&limit=100');
    deepEqual(q.getAll('states'), ['wait', 'watch']);
    equal(q.get('market'), 'KRW-BTC');
  });

  it('decodes values but keeps the raw form for encoding checks', () => {
    const q = QueryParams.parse(
      'start_time=2026-01-01T00%3A00%3A00%2B09%3A00&to=2026-01-01+00:00:00',
    )!;
    equal(q.get('start_time'), '2026-01-01T00:00:00+09:00');
    equal(q.raw('start_time'), '2026-01-01T00%3A00%3A00%2B09%3A00');
    equal(q.get('to'), '2026-01-01 00:00:00');
  });

  it('rejects malformed escapes and treats empty as no parameters', () => {
    equal(QueryParams.parse('a=%E0%A4%A'), undefined);
    equal(QueryParams.parse('')!.isEmpty, true);
  });

  it('hashes a JSON body as k=v in body order, leaving out nulls, arrays as k[]=v', () => {
    equal(
      bodyHashInput({
        market: 'KRW-BTC',
        side: 'bid',
        volume: null,
        price: '10000',
        ord_type: 'price',
        n: 5,
        ids: ['a', 'b'],
      }),
      'market=KRW-BTC&side=bid&price=10000&ord_type=price&n=5&ids[]=a&ids[]=b',
    );
  });
});
