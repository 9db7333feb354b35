import { ok, strictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { Decimal } from 'decimal.js';
import { DecimalC, KrwC, PriceC, VolumeC } from './decimal.codec.js';
import { dec, parseDecimal } from './decimal.js';
import type { Krw, Price } from './money.js';

const right = (r: E.Either<unknown, Decimal>): Decimal => {
  ok(E.isRight(r), 'expected a decoded decimal');
  return r.right;
};

describe('decimal codecs', () => {
  it('decode what they just encoded to the decimal it came from, without parsing it again', () => {
    const price = dec('101234567.5') as Price;
    const text = PriceC.encode(price);
    strictEqual(right(PriceC.decode(text)), price);
  });

  it('still check the refinement of a remembered text', () => {
    const negative = dec('-5') as Krw;
    const text = KrwC.encode(negative);
    ok(E.isLeft(PriceC.decode(text)), 'a price is positive');
    ok(E.isLeft(VolumeC.decode(text)), 'a volume is not negative');
  });

  it('parse zero, long texts and texts of other decimal.js settings afresh', () => {
    const negativeZero = dec('-0');
    const zero = right(DecimalC.decode(DecimalC.encode(negativeZero)));
    ok(zero !== negativeZero && !zero.isNegative(), 'zero comes back as parsed: +0');
    const foreign = new Decimal('12.5');
    const fromForeign = right(DecimalC.decode(DecimalC.encode(foreign)));
    ok(fromForeign !== (foreign as unknown) && fromForeign.eq('12.5'));
    strictEqual(fromForeign.constructor, dec(0).constructor, 'a decimal of hoga’s settings');
    const long = dec(`1.${'3'.repeat(70)}`);
    ok(E.isLeft(DecimalC.decode(DecimalC.encode(long))), 'over 64 characters, as parseDecimal');
  });

  it('decode any encoded decimal to one equal to what parsing its text gives (property)', () => {
    const digits = fc.stringMatching(/^-?[1-9]\d{0,20}(\.\d{1,12})?$/);
    fc.assert(
      fc.property(fc.array(digits, { minLength: 1, maxLength: 12 }), (texts) => {
        const decimals = texts.map((t) => dec(t));
        const encoded = decimals.map((d) => DecimalC.encode(d));
        for (const [i, text] of encoded.entries()) {
          const decoded = right(DecimalC.decode(text));
          const parsed = parseDecimal(text)!;
          ok(decoded.eq(parsed) && decoded.isNegative() === parsed.isNegative());
          strictEqual(decoded.toString(), decimals[i]!.toString());
        }
      }),
    );
  });
});
