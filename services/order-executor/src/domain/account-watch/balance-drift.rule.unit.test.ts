import { deepEqual, equal } from 'node:assert/strict';
import { dec, volume } from '@hoga/model';
import {
  balanceShortfalls,
  confirmedDrifts,
  driftFinding,
  holdingChecks,
  type CoinBalance,
  type MarketHolding,
} from './balance-drift.rule.js';

const held = (market: string, v: string, price: string | null = '100000000'): MarketHolding => ({
  market,
  hogaVolume: volume(v),
  avgEntryPrice: price === null ? null : dec(price),
});
const coin = (currency: string, total: string, avg = '0'): CoinBalance => ({
  currency,
  total: volume(total),
  avgBuyPrice: dec(avg),
});
const none = new Set<string>();

describe('balance drift rule (pure)', () => {
  it('coins sold behind hoga: the exchange holds less than hoga by more than dust -> a shortfall', () => {
    const [c, ...rest] = balanceShortfalls(
      [held('KRW-BTC', '0.002')],
      [coin('BTC', '0.0005')],
      none,
    );
    equal(rest.length, 0);
    equal(c?.market, 'KRW-BTC');
    equal(c?.missingVolume.toFixed(), '0.0015');
    equal(c?.missingKrw.toFixed(), '150000');
    equal(c?.key, 'balance-drift:KRW-BTC:0.002:0.0005');
  });

  it('a currency missing from the accounts counts as zero', () => {
    equal(
      balanceShortfalls([held('KRW-BTC', '0.002')], [], none)[0]?.exchangeVolume.toFixed(),
      '0',
    );
  });

  it('a shortfall worth less than the 5,000 KRW minimum order is dust, not a finding', () => {
    // 0.00004999 BTC x 100,000,000 = 4,999 KRW < 5,000
    deepEqual(
      balanceShortfalls([held('KRW-BTC', '0.00005')], [coin('BTC', '0.00000001')], none),
      [],
    );
    // exactly 5,000 KRW is not dust
    equal(balanceShortfalls([held('KRW-BTC', '0.00005')], [coin('BTC', '0')], none).length, 1);
  });

  it("more coins than hoga holds is not a drift (the user's own coins), nor is equality", () => {
    deepEqual(balanceShortfalls([held('KRW-BTC', '0.002')], [coin('BTC', '1.002')], none), []);
    deepEqual(balanceShortfalls([held('KRW-BTC', '0.002')], [coin('BTC', '0.002')], none), []);
  });

  it('a market with a live hoga order is skipped (balances move before hoga records trades)', () => {
    deepEqual(balanceShortfalls([held('KRW-BTC', '1')], [], new Set(['KRW-BTC'])), []);
  });

  it("without hoga's entry price Upbit's average buy price is the reference; with neither it is never dust", () => {
    deepEqual(
      balanceShortfalls([held('KRW-BTC', '0.00005', null)], [coin('BTC', '0', '1000')], none),
      [],
    );
    equal(
      balanceShortfalls([held('KRW-BTC', '0.00005', null)], [coin('BTC', '0', '0')], none).length,
      1,
    );
  });

  it('a drift is confirmed only when the previous check saw the same figures', () => {
    const [c] = balanceShortfalls([held('KRW-BTC', '0.002')], [coin('BTC', '0')], none);
    deepEqual(confirmedDrifts(new Set(), [c!]), []);
    deepEqual(confirmedDrifts(new Set(['balance-drift:KRW-BTC:0.002:0.001']), [c!]), []);
    deepEqual(confirmedDrifts(new Set([c!.key]), [c!]), [c]);
  });

  it('the finding carries the figures and the policy', () => {
    const [c] = balanceShortfalls([held('KRW-ETH', '2', '5000000')], [coin('ETH', '0.5')], none);
    const f = driftFinding(c!, new Date('2026-12-06T10:00:00.000Z'), 'halt');
    equal(f.kind, 'balance-drift');
    equal(f.state, 'shortfall');
    equal(f.policy, 'halt');
    equal(f.drift?.missingKrw.toFixed(), '7500000');
    equal(f.volume?.toFixed(), '1.5');
  });

  it('the holdings check shows every market hoga or the account holds, with the difference', () => {
    const rows = holdingChecks(
      [held('KRW-BTC', '0.002')],
      [coin('BTC', '1.002'), coin('ETH', '3'), coin('KRW', '5')],
    );
    deepEqual(
      rows.map((r) => [
        r.market,
        r.exchangeVolume.toFixed(),
        r.hogaVolume.toFixed(),
        r.unmanagedVolume.toFixed(),
      ]),
      [
        ['KRW-BTC', '1.002', '0.002', '1'],
        ['KRW-ETH', '3', '0', '3'],
      ],
    );
  });
});
