import { krw, price, volume } from '@hoga/model';
import { deepStrictEqual } from 'node:assert/strict';
import { positionLine } from './live-view.js';

type Row = Parameters<typeof positionLine>[0];

describe('the live view of npm start', () => {
  it('prints prices and PnL exactly rounded and grouped by the one KRW helper, never through a float', () => {
    const row = {
      positionId: 'pos-0123456789ab',
      market: 'KRW-BTC',
      status: 'active',
      paused: false,
      volume: volume('0.00010000'),
      // 2^53 + 1 won would print as ...992 through a JS number
      avgEntryPrice: price('9007199254740993.125'),
      lastPrice: price('95500000'),
      unrealizedPnlKrw: krw('-1234.5'),
      realizedPnlKrw: krw('0'),
      exitReason: null,
    } as unknown as Row;
    deepStrictEqual(positionLine(row).trim().split(/\s+/).slice(4), [
      '0.0001',
      '9,007,199,254,740,993.13',
      '95,500,000',
      '-1,235',
      '0',
      '-',
    ]);
  });
});
