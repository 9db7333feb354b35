import { equal } from 'node:assert/strict';
import type { Market } from '@hoga/model';
import { subjects } from './subjects.js';
import { marketOfTickSubject } from './tick-subject.js';

describe('marketOfTickSubject', () => {
  it('gives the market of a tick subject', () =>
    equal(marketOfTickSubject(subjects.mdTick('KRW-BTC' as Market).subject), 'KRW-BTC'));
  it('gives undefined for other subjects and malformed markets', () => {
    equal(marketOfTickSubject(subjects.mdCandle('1m', 'KRW-BTC' as Market).subject), undefined);
    equal(marketOfTickSubject(subjects.orderCmd().subject), undefined);
    equal(marketOfTickSubject('KRW-BTC'), undefined);
    equal(marketOfTickSubject(''), undefined);
  });
});
