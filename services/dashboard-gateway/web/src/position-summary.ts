/**
 * A position's summary from the history (`GET /api/positions/:id`), for what the live state no
 * longer carries: a closed position holds volume 0, so its principal at entry is the history's
 * `investedKrw` (entry funds + entry fees).
 */
import type { Decimal } from '@hoga/model/decimal';
import { decimalOf } from './format.js';

/** What the page reads of a `PositionSummary`. */
export interface PositionSummaryView {
  readonly investedKrw: Decimal | undefined;
}

/** A position's summary; null when the gateway does not know the position (404). */
export async function fetchPositionSummary(
  positionId: string,
): Promise<PositionSummaryView | null> {
  const response = await fetch(`/api/positions/${encodeURIComponent(positionId)}`, {
    credentials: 'same-origin',
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`GET /api/positions/…: ${String(response.status)}`);
  const body = (await response.json()) as { investedKrw?: unknown };
  return { investedKrw: decimalOf(body.investedKrw) };
}
