import { equal, ok } from 'node:assert/strict';
import { dec, parseDecimal } from './decimal.js';
import {
  hasValidVolumeDecimals,
  krw,
  meetsMinimumOrder,
  price,
  truncateVolume,
  volume,
} from './money.js';

describe('money', () => {
  it('meets the 5,000 KRW minimum exactly at 5,000', () => {
    ok(meetsMinimumOrder(dec('5000')));
    ok(!meetsMinimumOrder(dec('4999.99999999')));
  });
  it('builds prices, volumes and KRW amounts exactly from strings and numbers', () => {
    equal(price('95000000.5').toString(), '95000000.5');
    equal(volume('0.00000001').toString(), '0.00000001');
    equal(krw(-1234.5).toString(), '-1234.5');
    ok(price(1).eq(1) && volume(2).eq(2) && krw(3).eq(3));
  });
  it('honours a configured minimum order total', () => {
    ok(meetsMinimumOrder(dec('6000'), dec('6000')));
    ok(!meetsMinimumOrder(dec('5999.99999999'), dec('6000')));
  });
  it('truncates volumes to 8 decimals, never rounding up', () => {
    equal(truncateVolume(dec('0.123456789')).toString(), '0.12345678');
    equal(truncateVolume(dec('1.999999999')).toString(), '1.99999999');
  });
  it('checks volume decimals', () => {
    ok(hasValidVolumeDecimals(dec('0.00000001')));
    ok(!hasValidVolumeDecimals(dec('0.000000001')));
  });
  it('keeps decimal arithmetic exact where floats are not', () => {
    equal(dec('0.1').plus('0.2').toString(), '0.3');
    equal(dec('95000000').mul('0.00052631').toString(), '49999.45');
  });
  it('parses strings and finite numbers, refuses the rest', () => {
    equal(parseDecimal('123.45')?.toString(), '123.45');
    equal(parseDecimal(1e-7)?.toString(), '0.0000001');
    equal(parseDecimal(' 42 ')?.toString(), '42');
    for (const bad of [
      '',
      'abc',
      '1,000',
      'NaN',
      'Infinity',
      '0x10',
      NaN,
      Infinity,
      null,
      undefined,
      {},
      [],
      true,
      '9'.repeat(65),
    ])
      equal(parseDecimal(bad), undefined, `accepted ${JSON.stringify(bad)}`);
  });
});
