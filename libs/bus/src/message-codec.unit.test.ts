import { Decimal, price, PriceC } from '@hoga/model';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { deepStrictEqual, ok, strictEqual, throws } from 'node:assert/strict';
import { isBusDecodeError, isBusEncodeError } from './bus.errors.js';
import { decodeMessage, encodeMessage, MAX_MESSAGE_BYTES } from './message-codec.js';
import fc from 'fast-check';

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

describe('message codec bounds', () => {
  const PingLike = t.strict({ n: t.number, list: t.array(t.strict({ a: t.string })) });

  it('refuses a payload over the limit before parsing it', () => {
    const r = decodeMessage(QuoteC, new Uint8Array(MAX_MESSAGE_BYTES + 1).fill(0x20), 'q');
    ok(E.isLeft(r) && isBusDecodeError(r.left));
    ok(r.left.message.includes(`over the ${MAX_MESSAGE_BYTES}-byte limit`), r.left.message);
    const small = decodeMessage(QuoteC, bytes('{"market":"KRW-BTC","price":"1"}'), 'q', 10);
    ok(E.isLeft(small));
  });

  it('keeps the report of a huge bad message short', () => {
    const list = Array.from({ length: 20_000 }, (_, i) => ({ a: i }));
    const r = decodeMessage(PingLike, bytes(JSON.stringify({ n: 'x', list })), 'q');
    ok(E.isLeft(r));
    ok(r.left.message.length < 2_100, `message of ${r.left.message.length}`);
    ok(r.left.message.includes('more issues'));
  });

  it('answers any bytes with a value or a typed, bounded error, never a throw (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 4096 }),
          fc.json().map((j) => bytes(j)),
          fc.anything().map((v) => bytes(JSON.stringify(v) ?? 'undefined')),
        ),
        (payload) => {
          const r = decodeMessage(PingLike, payload, 'fuzz');
          if (E.isLeft(r)) {
            ok(isBusDecodeError(r.left));
            ok(r.left.message.length <= 2_100);
          } else ok(PingLike.is(r.right));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('message codec: one decode of the encoded form', () => {
  it('decodes plain encoded data as is, and parses the JSON text back when it is not plain', () => {
    // A codec whose encoded form is not plain JSON data: JSON turns the Date into a string.
    const AtC = new t.Type<string, unknown, unknown>(
      'At',
      (u): u is string => typeof u === 'string',
      (u, c) => (typeof u === 'string' ? t.success(u) : t.failure(u, c)),
      (s) => new Date(s),
    );
    const wire = encodeMessage(AtC, '2026-12-07T00:00:00.000Z', 'q');
    strictEqual(new TextDecoder().decode(wire), '"2026-12-07T00:00:00.000Z"');
    // Infinity is a number to the codec but null on the wire: refused like NaN.
    throws(() => encodeMessage(t.number, Number.POSITIVE_INFINITY, 'q'), isBusEncodeError);
    // An undefined property is left out of the JSON, and decoded as the receiver sees it.
    const gone = encodeMessage(t.strict({ n: t.unknown }), { n: undefined }, 'q');
    strictEqual(new TextDecoder().decode(gone), '{}');
  });
});
