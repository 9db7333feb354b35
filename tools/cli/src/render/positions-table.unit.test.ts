import { krw, price } from '@hoga/model';
import { deepStrictEqual } from 'node:assert/strict';
import { samplePosition } from '../testing/fake-services.js';
import { renderPositions } from './positions-table.js';

const columns = (line: string | undefined) => line?.split(/\s{2,}/) ?? [];

describe('hoga positions (text)', () => {
  it('names why a position is in error (cause: code), and a dash for the others', () => {
    const failed = {
      ...samplePosition,
      positionId: samplePosition.positionId,
      status: 'error' as const,
      failure: { cause: 'order-denied' as const, code: 'exchange-access-lost' },
    };
    const lines = renderPositions([samplePosition, failed]);
    deepStrictEqual(columns(lines[0]).at(-1), 'FAILURE');
    deepStrictEqual(columns(lines[1]).at(-1), '-');
    deepStrictEqual(columns(lines[2]).at(-1), 'order-denied: exchange-access-lost');
  });

  it('prints prices and PnL through the one KRW formatter: entry to its band, last on its tick', () => {
    const lines = renderPositions([
      { ...samplePosition, avgEntryPrice: price('140360123.4'), unrealizedPnlKrw: krw('-1234.5') },
    ]);
    deepStrictEqual(columns(lines[1]).slice(5, 9), [
      '140,360,123 KRW',
      '95,500,000 KRW',
      '-1,235 KRW',
      '0 KRW',
    ]);
  });

  it('says so when there are none', () => {
    deepStrictEqual(renderPositions([]), ['no positions']);
  });
});
