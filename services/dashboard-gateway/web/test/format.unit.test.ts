import { html } from './browser-env.js';
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { Decimal } from '@hoga/model/decimal';
import {
  averagePriceText,
  convention,
  decimalOf,
  exactKrwText,
  krwChange,
  krwText,
  percentChange,
  priceText,
  setConvention,
  setTimeZone,
  timeText,
} from '../src/format.js';
import { locale, say, setLocale } from '../src/i18n/i18n.js';
import { apiErrorMessage, message } from '../src/i18n/message.js';

const d = (s: string) => new Decimal(s);

describe('web: the page formats numbers as Upbit and its users do', () => {
  afterEach(() => {
    setLocale('ko');
    setConvention('korean');
    setTimeZone('Asia/Seoul');
  });

  it('starts in Korean (the browser prefers it), <html lang> following the switch', () => {
    strictEqual(locale(), 'ko');
    strictEqual(html.lang, 'ko');
    setLocale('en');
    strictEqual(html.lang, 'en');
    strictEqual(localStorage.getItem('hoga.locale'), 'en');
  });

  it("prints a price on its band's Upbit tick, in each band", () => {
    const cases: [string, string][] = [
      ['143250400', '143,250,000원'], // ≥ 1,000,000: tick 1,000
      ['812345', '812,500원'], // ≥ 500,000: tick 500
      ['123456', '123,500원'], // ≥ 100,000: tick 100
      ['54321', '54,300원'], // ≥ 50,000: tick 50
      ['12345', '12,350원'], // ≥ 10,000: tick 10
      ['5432', '5,430원'], // ≥ 5,000: tick 5 ... rounded half up onto the grid
      ['812.54', '813원'], // ≥ 100: tick 1
      ['12.34', '12.3원'], // ≥ 10: tick 0.1
      ['1.234', '1.23원'], // ≥ 1: tick 0.01
    ];
    for (const [price, text] of cases) strictEqual(priceText(d(price)), text, price);
  });

  it('keeps the decimals of a coin under 1 KRW', () => {
    strictEqual(priceText(d('0.5123')), '0.512원');
    strictEqual(priceText(d('0.01234')), '0.0123원');
    strictEqual(priceText(d('0.000012345')), '0.0000123원');
  });

  it('writes 원 in Korean and ₩ in English (after the sign), whole won for amounts, fees exact', () => {
    strictEqual(krwText(d('1234567.5')), '1,234,568원');
    strictEqual(exactKrwText(d('99.95')), '99.95원');
    setLocale('en');
    strictEqual(krwText(d('1234567.5')), '₩1,234,568');
    strictEqual(krwText(d('-56')), '-₩56');
    strictEqual(exactKrwText(d('99.95')), '₩99.95');
    strictEqual(priceText(d('0.5123')), '₩0.512');
    strictEqual(averagePriceText(d('12345')), '₩12,345');
    strictEqual(krwChange(d('1234')).text, '▲ +₩1,234');
    strictEqual(krwChange(d('-1000')).text, '▼ -₩1,000');
    strictEqual(krwText(undefined), '—');
  });

  it('shows every change with ▲/▼ and its sign, never by colour alone', () => {
    deepStrictEqual(krwChange(d('3')), { text: '▲ +3원', direction: 'up', className: 'up' });
    deepStrictEqual(krwChange(d('-1000')), {
      text: '▼ -1,000원',
      direction: 'down',
      className: 'down',
    });
    deepStrictEqual(krwChange(d('0.4')), { text: '0원', direction: 'flat', className: '' });
    deepStrictEqual(krwChange(d('-0.4')), { text: '0원', direction: 'flat', className: '' });
    strictEqual(percentChange(d('1.234')).text, '▲ +1.23%');
    strictEqual(percentChange(d('-10')).text, '▼ -10.00%');
    strictEqual(percentChange(d('0.001')).text, '0.00%');
  });

  it('colours up red by default (Korean) and green on the Western switch, the choice kept', () => {
    strictEqual(convention(), 'korean');
    strictEqual(html.classList.contains('western'), false);
    setConvention('western');
    strictEqual(html.classList.contains('western'), true);
    strictEqual(localStorage.getItem('hoga.colours'), 'western');
    // the class of a change stays its direction: the stylesheet colours .up / .down by html.western
    strictEqual(krwChange(d('5')).className, 'up');
    setConvention('korean');
    strictEqual(html.classList.contains('western'), false);
  });

  it('tells times in KST by default and in UTC on the switch', () => {
    const at = '2026-12-06T13:40:05.000Z';
    // Korean: a 12-hour clock (오후 10:40:05 in a browser; the words depend on ICU's data)
    strictEqual(timeText(at).endsWith('10:40:05 KST'), true, timeText(at));
    setLocale('en');
    strictEqual(timeText(at).endsWith('22:40:05 KST'), true, timeText(at));
    setTimeZone('UTC');
    strictEqual(timeText(at).endsWith('13:40:05 UTC'), true, timeText(at));
    strictEqual(localStorage.getItem('hoga.timeZone'), 'UTC');
    strictEqual(timeText('not a time'), '—');
  });

  it('reads exact decimals from the wire, and nothing from garbage', () => {
    strictEqual(decimalOf('0.00000001')?.toFixed(), '0.00000001');
    strictEqual(decimalOf('1e400')?.toFixed(0).length, 401);
    strictEqual(decimalOf('lots'), undefined);
    strictEqual(decimalOf(null), undefined);
    strictEqual(decimalOf('Infinity'), undefined);
  });
});

describe('web: messages kept as keys are shown in the language of now', () => {
  afterEach(() => setLocale('ko'));

  it('translates a kept message again when the language switches', () => {
    const kept = message('run.tooLarge', { max: '64' });
    strictEqual(say(kept), '파일이 너무 큽니다 (최대 64 KiB)');
    setLocale('en');
    strictEqual(say(kept), 'The file is too large (at most 64 KiB)');
  });

  it("names the gateway's refusal by its code, keeping the service's own words", () => {
    const denied = apiErrorMessage({ code: 'denied', message: 'position is closed' }, 409);
    strictEqual(say(denied), '거부: position is closed');
    setLocale('en');
    strictEqual(say(denied), 'refused: position is closed');
    // an unknown code or no body: the HTTP status
    strictEqual(say(apiErrorMessage(undefined, 502)), 'HTTP 502 ');
    strictEqual(say(apiErrorMessage({ code: 'weird', message: 'x' }, 418)), 'HTTP 418 x');
  });
});
