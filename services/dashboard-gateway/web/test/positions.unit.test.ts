import './browser-env.js';
import { strictEqual } from 'node:assert/strict';
import { krwText } from '../src/format.js';
import { setLocale, tn } from '../src/i18n/i18n.js';
import { positionRow } from '../src/positions.js';

/** A position-actor state (the `positions` channel's data) with the given fields. */
const state = (over: Record<string, unknown>) => ({
  positionId: 'pos-1',
  strategyId: 's',
  market: 'KRW-BTC',
  status: 'active',
  paused: false,
  volume: '0.001',
  avgEntryPrice: '100000000',
  peakPrice: '101000000',
  lastPrice: '101000000',
  unrealizedPnlKrw: '900',
  realizedPnlKrw: '0',
  exitReason: null,
  enteredAt: '2026-12-07T00:00:00.000Z',
  exitLevels: null,
  failure: null,
  version: 3,
  ...over,
});

describe("web: a position's row", () => {
  afterEach(() => setLocale('ko'));

  it('held: principal = volume x entry, valuation = volume x last, PnL % of the principal', () => {
    const r = positionRow(state({}))!;
    strictEqual(r.principal?.toFixed(), '100000');
    strictEqual(r.valuation?.toFixed(), '101000');
    strictEqual(r.unrealized?.toFixed(), '900');
    strictEqual(r.unrealizedPct?.toFixed(), '0.9');
  });

  it('holding nothing (closed, pending): no principal, valuation or unrealized PnL, not 0원', () => {
    const closed = positionRow(
      state({ status: 'closed', volume: '0', unrealizedPnlKrw: '0', realizedPnlKrw: '40' }),
    )!;
    strictEqual(krwText(closed.principal), '—');
    strictEqual(krwText(closed.valuation), '—');
    strictEqual(closed.unrealized, undefined);
    strictEqual(closed.unrealizedPct, undefined);
    strictEqual(closed.realized?.toFixed(), '40');
    const halted = positionRow(
      state({ status: 'closed', volume: '0', avgEntryPrice: null, lastPrice: '101000000' }),
    )!;
    strictEqual(krwText(halted.principal), '—');
    strictEqual(krwText(halted.valuation), '—');
  });

  it('counts in words: 1 row, 2 rows in English; one form in Korean', () => {
    setLocale('en');
    strictEqual(tn('table.rows', 1), '1 row');
    strictEqual(tn('table.rows', 2), '2 rows');
    strictEqual(tn('table.rows', 0), '0 rows');
    strictEqual(tn('summary.exposureSub', 1), '1 position holding');
    strictEqual(tn('timeline.count', 1), '1 event');
    setLocale('ko');
    strictEqual(tn('table.rows', 1), '1개');
    strictEqual(tn('summary.exposureSub', 2), '보유 포지션 2개');
  });
});
