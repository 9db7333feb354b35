import { ok, strictEqual } from 'node:assert/strict';
import { dec, formatKrw, formatPercent, formatPrice, groupThousands } from '@hoga/model';
import {
  lossLimitBreachedText,
  orderOutcomeUnknownText,
  positionErrorText,
  SEVERITY_MARKER,
  tradingStateChangedText,
  watchdogSilenceText,
} from './alert-texts.js';

describe('KRW formatting', () => {
  it('groups thousands, keeping sign and fraction', () =>
    strictEqual(groupThousands('-1234567.25'), '-1,234,567.25'));
  it('formats amounts in whole won', () => {
    strictEqual(formatKrw(dec('1234567.5'), 'en'), '1,234,568 KRW');
    strictEqual(formatKrw(dec('-1000000'), 'ko'), '-1,000,000원');
  });
  it('formats prices to the tick size of their band', () => {
    strictEqual(formatPrice(dec('95432000'), 'en'), '95,432,000 KRW');
    strictEqual(formatPrice(dec('95432400'), 'en'), '95,432,000 KRW');
    strictEqual(formatPrice(dec('51.234'), 'en'), '51.2 KRW');
    strictEqual(formatPrice(dec('512.34'), 'en'), '512 KRW');
    strictEqual(formatPrice(dec('2.5'), 'ko'), '2.50원');
  });
  it("formats prices to a market's own tick size when given", () => {
    strictEqual(formatPrice(dec('512.34'), 'en', dec('0.1')), '512.3 KRW');
  });
  it('formats percentages with two decimals', () =>
    strictEqual(formatPercent(dec('-10')), '-10.00%'));
});

describe('alert texts', () => {
  const breach = {
    lossKrw: dec('-1000000'),
    lossRatePct: dec('-10'),
    equityAtArmingKrw: dec('10000000'),
    limitPct: dec('10'),
    liquidating: ['KRW-BTC', 'KRW-XRP'],
  };

  it('reports a loss-limit breach with its figures, urgently, in English and Korean', () => {
    const en = lossLimitBreachedText(breach, 'en');
    strictEqual(en.severity, 'urgent');
    ok(en.body.includes('-1,000,000 KRW') && en.body.includes('-10.00%'));
    ok(en.body.includes('10,000,000 KRW') && en.body.includes('KRW-BTC, KRW-XRP'));
    const ko = lossLimitBreachedText(breach, 'ko');
    ok(ko.title.includes('손실 한도') && ko.body.includes('-1,000,000원'));
  });

  it('names from, to, by and reason of a trading state change', () => {
    const t = tradingStateChangedText(
      {
        from: 'ACTIVE',
        to: 'HALTED',
        by: 'cli:alice',
        reason: 'maintenance',
        at: '2026-11-23T10:00:00Z',
      },
      'en',
    );
    strictEqual(t.severity, 'critical');
    ok(
      t.title.includes('ACTIVE → HALTED') &&
        t.body.includes('cli:alice') &&
        t.body.includes('maintenance'),
    );
  });

  it('covers unknown order outcomes, watchdog silence and position errors', () => {
    const o = orderOutcomeUnknownText(
      { orderId: 'o-1', market: 'KRW-BTC', side: 'ask', price: dec('95432000') },
      'ko',
    );
    ok(o.body.includes('매도') && o.body.includes('95,432,000원'));
    strictEqual(o.dedupKey, 'order-unknown:o-1');
    ok(
      watchdogSilenceText({ what: 'market-feed', silentForMs: 95_000 }, 'en').body.includes('95 s'),
    );
    strictEqual(
      positionErrorText({ positionId: 'p-1', market: 'KRW-ETH', reason: 'rejected' }, 'en')
        .dedupKey,
      'position-error:p-1',
    );
  });

  it('marks urgent alerts visibly', () => ok(SEVERITY_MARKER.urgent.startsWith('🚨')));
});
