import { strictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import { compareDecimals, Decimal } from './decimal.js';

/** Decimals of every shape the comparison must tell apart: signs, zero, exponents, long digits. */
const decimalText = fc
  .tuple(
    fc.constantFrom('', '-'),
    fc.bigInt({ min: 0n, max: 10n ** 30n }),
    fc.integer({ min: -20, max: 20 }),
  )
  .map(([sign, digits, exponent]) => `${sign}${digits}e${exponent}`);

const cases = [
  ['0', '0'],
  ['0', '-0'],
  ['0', '0.5'],
  ['-0.5', '0'],
  ['100000000', '100000000.00000001'],
  ['99999999.99999999', '100000000'],
  ['1e-30', '1e30'],
  ['-1e30', '-1e-30'],
  ['12345678.9', '12345678.90'],
  ['Infinity', '1e40'],
  ['-Infinity', '-1e40'],
  ['Infinity', 'Infinity'],
];

describe('compareDecimals', () => {
  it('answers as decimal.js cmp on edge cases (zero, its sign, one unit of the last digit, infinities)', () => {
    for (const [a, b] of cases) {
      const x = new Decimal(a!);
      const y = new Decimal(b!);
      strictEqual(compareDecimals(x, y), x.cmp(y), `${a} vs ${b}`);
      strictEqual(compareDecimals(y, x), y.cmp(x), `${b} vs ${a}`);
    }
  });

  it('answers as decimal.js cmp on any two decimals (property)', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const x = new Decimal(a);
        const y = new Decimal(b);
        strictEqual(compareDecimals(x, y), x.cmp(y), `${a} vs ${b}`);
        // Near neighbours: the same value shifted by one unit of its last place.
        const z = x.plus(new Decimal(1).times(new Decimal(10).pow(x.e - 30)));
        strictEqual(compareDecimals(x, z), x.cmp(z), `${a} vs ${z.toString()}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('is NaN when either side is NaN, as cmp', () => {
    strictEqual(Number.isNaN(compareDecimals(new Decimal(NaN), new Decimal(1))), true);
  });
});
