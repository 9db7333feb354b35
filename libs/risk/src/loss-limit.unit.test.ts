import { equal, ok } from 'node:assert/strict';
import fc from 'fast-check';
import { dec, krw, volume, type PositionId } from '@hoga/model';
import {
  evaluateLossLimit,
  holdingsUnrealizedPnl,
  realizedPnlSince,
  type ArmedLossLimit,
} from './loss-limit.js';

const tenPctOf10M: ArmedLossLimit = {
  ratePct: dec('10'),
  equityAtArming: krw('10000000'),
  unrealizedPnlAtArming: krw('0'),
};
const figures = (unrealized: string, realized = '0') => ({
  totalUnrealizedPnl: krw(unrealized),
  realizedPnlSinceArming: krw(realized),
});

describe('loss limit', () => {
  it('breaches when the loss reaches the limit exactly (>=), not one won before', () => {
    const at = evaluateLossLimit(tenPctOf10M, figures('-1000000'));
    equal(at.limitKrw.toString(), '1000000');
    equal(at.lossKrw.toString(), '1000000');
    equal(at.lossRatePct.toString(), '10');
    ok(at.breached);
    ok(!evaluateLossLimit(tenPctOf10M, figures('-999999.99999999')).breached);
  });

  it('counts realized losses since arming: closing a loser does not reset the clock', () => {
    const e = evaluateLossLimit(tenPctOf10M, figures('-400000', '-600000'));
    equal(e.pnlSinceArming.toString(), '-1000000');
    ok(e.breached);
  });

  it('lets realized gains offset unrealized losses', () =>
    ok(!evaluateLossLimit(tenPctOf10M, figures('-1200000', '300000')).breached));

  it('measures from the holdings baseline at arming, not from zero', () => {
    const limit = { ...tenPctOf10M, unrealizedPnlAtArming: krw('-500000') };
    equal(evaluateLossLimit(limit, figures('-1499999')).breached, false);
    equal(evaluateLossLimit(limit, figures('-1500000')).lossKrw.toString(), '1000000');
  });

  it('reports a gain as zero loss', () => {
    const e = evaluateLossLimit(tenPctOf10M, figures('250000'));
    equal(e.lossKrw.toString(), '0');
    equal(e.lossRatePct.toString(), '0');
    equal(e.pnlSinceArming.toString(), '250000');
  });

  it('rounds the loss rate down for display, so it never overstates', () => {
    const e = evaluateLossLimit(
      { ...tenPctOf10M, equityAtArming: krw('3000000') },
      figures('-100000'),
    );
    equal(e.lossRatePct.toString(), '3.3333');
  });

  it('agrees with an exact integer oracle; when breached, lossRatePct >= ratePct (property)', () =>
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }),
        (rateBp, equity, pnlUnits) => {
          const limit = {
            ...tenPctOf10M,
            ratePct: dec(rateBp).div(100),
            equityAtArming: krw(equity),
          };
          const e = evaluateLossLimit(limit, figures(dec(pnlUnits.toString()).div(1e8).toString()));
          // loss >= equity x rate: in 1e-8 KRW units and basis points, exactly with bigints.
          equal(e.breached, -pnlUnits * 10_000n >= BigInt(equity) * BigInt(rateBp) * 10n ** 8n);
          if (e.breached) ok(e.lossRatePct.gte(limit.ratePct));
        },
      ),
    ));
});

describe('holdings and realized PnL', () => {
  const pos = (id: string, vol: string, pnl: string) => ({
    positionId: id as PositionId,
    volume: volume(vol),
    unrealizedPnl: krw(pnl),
  });

  it('sums only positions holding coins (an error position with coins counts)', () => {
    const total = holdingsUnrealizedPnl([
      pos('active', '0.5', '-1000.5'),
      pos('error-with-coins', '0.00000001', '-20'),
      pos('pending', '0', '-999999'),
    ]);
    equal(total.toString(), '-1020.5');
  });

  it('counts realized PnL settled strictly after arming; an unreadable time counts', () => {
    const armedAt = '2026-11-23T10:00:00.000Z';
    const total = realizedPnlSince(
      [
        { realizedPnl: krw('-100'), at: '2026-11-23T09:59:59.999Z' },
        { realizedPnl: krw('-20'), at: armedAt },
        { realizedPnl: krw('-3000'), at: '2026-11-23T19:00:00.001+09:00' },
        { realizedPnl: krw('-40000'), at: 'not a time' },
      ],
      armedAt,
    );
    // Every amount differs, so counting the wrong side of the arming instant changes the sum.
    equal(total.toString(), '-43000');
  });

  it('counts every realized PnL when the arming time cannot be read (a loss is never dropped)', () => {
    const total = realizedPnlSince(
      [
        { realizedPnl: krw('-100'), at: '2026-11-23T09:59:59.999Z' },
        { realizedPnl: krw('-300'), at: '2026-11-23T10:00:00.001Z' },
      ],
      'not a time',
    );
    equal(total.toString(), '-400');
  });
});
