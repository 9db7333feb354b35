import { Decimal, price, PriceC } from '@hoga/model';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { deepStrictEqual, ok, strictEqual, throws } from 'node:assert/strict';
import { isBusDecodeError, isBusEncodeError } from './bus.errors.js';
import { decodeMessage, encodeMessage } from './message-codec.js';

const QuoteC = t.strict({ market: t.string, price: PriceC });
const bytes = (s: string) => new TextEncoder().encode(s);

describe('message codec', () => {
  it('encodes decimals as strings and decodes them back to equal decimals', () => {
    const wire = encodeMessage(QuoteC, { market: 'KRW-BTC', price: price('0.1') }, 'q');
    strictEqual(new TextDecoder().decode(wire), '{"market":"KRW-BTC","price":"0.1"}');
    const back = decodeMessage(QuoteC, wire, 'q');
    ok(E.isRight(back) && back.right.price instanceof Decimal && back.right.price.eq('0.1'));
  });

  it('drops properties the codec does not declare', () => {
    const wire = encodeMessage(
      QuoteC,
      { market: 'KRW-BTC', price: price(1), secret: 'x' } as t.TypeOf<typeof QuoteC>,
      'q',
    );
    deepStrictEqual(JSON.parse(new TextDecoder().decode(wire)), { market: 'KRW-BTC', price: '1' });
  });

  it('refuses what the receiver could not decode: wrong values, NaN, nothing', () => {
    throws(
      () => encodeMessage(QuoteC, { market: 'KRW-BTC', price: price(-1) }, 'q'),
      isBusEncodeError,
    );
    throws(() => encodeMessage(t.number, Number.NaN, 'q'), isBusEncodeError);
    throws(() => encodeMessage(t.unknown, undefined, 'q'), isBusEncodeError);
  });

  it('fails decoding with a typed error for bad UTF-8, bad JSON and a codec mismatch', () => {
    for (const payload of [
      new Uint8Array([0xc3, 0x28]),
      bytes('{'),
      bytes('{"market":"KRW-BTC","price":"abc"}'),
    ]) {
      const result = decodeMessage(QuoteC, payload, 'q');
      ok(E.isLeft(result) && isBusDecodeError(result.left) && result.left.subject === 'q');
    }
  });
});
