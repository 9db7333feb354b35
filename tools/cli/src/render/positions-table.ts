import { formatAveragePrice, formatKrw, formatPrice } from '@hoga/model';
import type { OkReply } from '../ops-client.js';
import { cell, renderTable } from './table.js';

type Position = OkReply<'position-actor', 'list'>['positions'][number];

const HEADER = [
  'ID',
  'MARKET',
  'STATUS',
  'PAUSED',
  'VOLUME',
  'AVG ENTRY',
  'LAST',
  'UNREALIZED',
  'REALIZED',
  'EXIT',
  'FAILURE',
];

/**
 * The positions as a compact table, or a single line when there are none. KRW figures go
 * through `@hoga/model`'s formatters: PnL in whole won, the last price on its tick, the average
 * entry to its band's decimals (`--json` keeps every figure exact).
 */
export function renderPositions(positions: readonly Position[]): string[] {
  if (positions.length === 0) return ['no positions'];
  return renderTable(
    HEADER,
    positions.map((p) => [
      p.positionId,
      p.market,
      p.status,
      p.paused ? 'yes' : 'no',
      p.volume.toString(),
      p.avgEntryPrice === null ? '-' : formatAveragePrice(p.avgEntryPrice, 'en'),
      p.lastPrice === null ? '-' : formatPrice(p.lastPrice, 'en'),
      formatKrw(p.unrealizedPnlKrw, 'en'),
      formatKrw(p.realizedPnlKrw, 'en'),
      cell(p.exitReason),
      p.failure === null ? '-' : `${p.failure.cause}: ${p.failure.code}`,
    ]),
  );
}
