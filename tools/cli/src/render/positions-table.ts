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

/** The positions as a compact table, or a single line when there are none. */
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
      cell(p.avgEntryPrice),
      cell(p.lastPrice),
      p.unrealizedPnlKrw.toString(),
      p.realizedPnlKrw.toString(),
      cell(p.exitReason),
      p.failure === null ? '-' : `${p.failure.cause}: ${p.failure.code}`,
    ]),
  );
}
