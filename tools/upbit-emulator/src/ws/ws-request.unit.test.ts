import { deepEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { parseWsRequest } from './ws-request.js';

const errorName = (value: unknown): string => {
  const r = parseWsRequest(typeof value === 'string' ? value : JSON.stringify(value));
  return E.isLeft(r) ? r.left.name : 'ok';
};

describe('WebSocket request parsing', () => {
  it('reads ticket, types with codes and flags, and the format', () => {
    const r = parseWsRequest(
      JSON.stringify([
        { ticket: 't' },
        { type: 'ticker', codes: ['KRW-BTC'], is_only_realtime: true },
        { type: 'orderbook', codes: ['KRW-BTC.5'], isOnlySnapshot: true },
        { format: 'SIMPLE' },
      ]),
    );
    ok(E.isRight(r));
    equal(r.right.format, 'SIMPLE');
    deepEqual(
      r.right.types.map((t) => [t.type, t.codes, t.onlyRealtime, t.onlySnapshot]),
      [
        ['ticker', ['KRW-BTC'], true, false],
        ['orderbook', ['KRW-BTC'], false, true],
      ],
    );
    deepEqual(r.right.types[1]!.counts, { 'KRW-BTC': 5 });
  });

  it('defaults to DEFAULT and lets myOrder omit codes', () => {
    const r = parseWsRequest(
      JSON.stringify([{ ticket: 't' }, { type: 'myOrder' }, { type: 'myAsset' }]),
    );
    ok(E.isRight(r) && r.right.format === 'DEFAULT' && r.right.types[0]!.codes.length === 0);
  });

  it('answers the documented error names', () => {
    equal(errorName('not json'), 'WRONG_FORMAT');
    equal(errorName({ ticket: 't' }), 'WRONG_FORMAT');
    equal(errorName([{ type: 'ticker', codes: ['KRW-BTC'] }]), 'NO_TICKET');
    equal(errorName([{ ticket: 't' }, { format: 'DEFAULT' }]), 'NO_TYPE');
    equal(errorName([{ ticket: 't' }, { type: 'ticker' }]), 'NO_CODES');
    equal(errorName([{ ticket: 't' }, { type: 'ticker', codes: [] }]), 'NO_CODES');
    equal(errorName([{ ticket: 't' }, { type: 'bananas', codes: ['KRW-BTC'] }]), 'INVALID_PARAM');
    equal(
      errorName([{ ticket: 't' }, { type: 'ticker', codes: ['KRW-BTC'] }, { format: 'XML' }]),
      'INVALID_PARAM',
    );
  });
});
