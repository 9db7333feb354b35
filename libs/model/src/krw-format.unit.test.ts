import { strictEqual } from 'node:assert/strict';
import { dec } from './decimal.js';
import {
  arrowOf,
  directionOf,
  formatAmount,
  formatKrw,
  formatKrwChange,
  formatKrwCompact,
  formatPercent,
  formatAveragePrice,
  formatPrice,
  groupThousands,
} from './krw-format.js';

describe('KRW formatting (browser-safe)', () => {
  it('groups thousands, keeping the sign and the fraction', () => {
    strictEqual(groupThousands('-1234567.5'), '-1,234,567.5');
    strictEqual(groupThousands('+1234'), '+1,234');
    strictEqual(groupThousands('999'), '999');
  });
  it('prints whole won, never -0', () => {
    strictEqual(formatKrw(dec('1234567.5'), 'ko'), '1,234,568원');
    strictEqual(formatKrw(dec('-0.2'), 'ko'), '0원');
    strictEqual(formatKrw(dec('-1000000'), 'en'), '-1,000,000 KRW');
  });
  it('prints an exact amount or KRW figure with every decimal, never in exponent notation', () => {
    strictEqual(formatAmount(dec('10000115.16077958')), '10,000,115.16077958');
    strictEqual(formatAmount(dec('0.00000001')), '0.00000001');
    strictEqual(formatAmount(dec('-0')), '0');
    strictEqual(formatKrw(dec('4999.99'), 'en', 'exact'), '4,999.99 KRW');
    strictEqual(formatKrw(dec('-1234567.5'), 'ko', 'exact'), '-1,234,567.5원');
    strictEqual(formatKrw(dec('4999.99'), 'en', 'won'), '5,000 KRW');
  });
  it('prints a price on the tick of its Upbit band', () => {
    const cases: [string, string][] = [
      ['95432400', '95,432,000원'], // tick 1,000
      ['312345', '312,300원'], // tick 100 (100,000 - 500,000)
      ['512.34', '512원'], // tick 1 (100 - 5,000)
      ['51.234', '51.2원'], // tick 0.1 (10 - 100)
      ['2.5', '2.50원'], // tick 0.01 (1 - 10)
      ['0.00123', '0.00123원'], // coins under 1 won keep their decimals
    ];
    for (const [price, text] of cases) strictEqual(formatPrice(dec(price), 'ko'), text, price);
  });
  it("prints a price on the market's own tick when it is given", () =>
    strictEqual(formatPrice(dec('512.34'), 'ko', dec('0.1')), '512.3원'));
  it('prints an average price exactly to the band, never snapped to the grid', () => {
    strictEqual(formatAveragePrice(dec('140360123.4'), 'ko'), '140,360,123원');
    strictEqual(formatPrice(dec('140360123.4'), 'ko'), '140,360,000원');
    strictEqual(formatAveragePrice(dec('12345'), 'en'), '12,345 KRW');
    strictEqual(formatAveragePrice(dec('51.234'), 'ko'), '51.2원');
    strictEqual(formatAveragePrice(dec('0.001234567'), 'ko'), '0.00123원');
    strictEqual(formatAveragePrice(dec('-0.0000000001'), 'ko'), '0.00000000원');
  });
  it('signs changes: + for up, - for down, nothing for a change that prints as zero', () => {
    strictEqual(formatKrwChange(dec('1234.4'), 'ko'), '+1,234원');
    strictEqual(formatKrwChange(dec('-56'), 'en'), '-56 KRW');
    strictEqual(formatKrwChange(dec('0.4'), 'ko'), '0원');
    strictEqual(formatPercent(dec('1.234'), true), '+1.23%');
    strictEqual(formatPercent(dec('-0.001'), true), '0.00%');
    strictEqual(formatPercent(dec('-10'), true), '-10.00%');
  });
  it('gives a direction and its arrow', () => {
    strictEqual(directionOf(dec('0.6')), 'up');
    strictEqual(directionOf(dec('-0.4')), 'flat');
    strictEqual(directionOf(dec('-0.004'), 2), 'flat');
    strictEqual(directionOf(dec('-0.006'), 2), 'down');
    strictEqual(arrowOf('up'), '▲');
    strictEqual(arrowOf('down'), '▼');
    strictEqual(arrowOf('flat'), '');
  });
  it('prints large amounts in 만/억 (ko) or K/M/B (en)', () => {
    strictEqual(formatKrwCompact(dec('123456789'), 'ko'), '1.2억원');
    strictEqual(formatKrwCompact(dec('34567890'), 'ko'), '3,456.8만원');
    strictEqual(formatKrwCompact(dec('9999'), 'ko'), '9,999원');
    strictEqual(formatKrwCompact(dec('120000000'), 'en'), '120.0M KRW');
  });
});
