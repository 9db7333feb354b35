import * as E from 'fp-ts/lib/Either.js';
import {
  IsoDateTime,
  type AccountFinding,
  type FindingPolicy,
  type FindingSource,
} from '@hoga/contracts';
import type { Decimal, Krw, Volume } from '@hoga/model';

/** An order as Upbit's REST API reports it, in the terms a finding needs. */
export interface SeenOrder {
  readonly uuid: string;
  readonly identifier: string | null;
  readonly market: string;
  readonly side: 'bid' | 'ask';
  readonly ordType: string;
  readonly price: Decimal | null;
  readonly volume: Volume | null;
  readonly state: string;
  readonly executedVolume: Volume;
  readonly executedFunds: Krw | null;
  /** Upbit's `created_at` (ISO-8601, `+09:00`). */
  readonly createdAt: string;
}

/** The id of the finding of a foreign order: one finding per Upbit order uuid. */
export const foreignOrderFindingId = (uuid: string): string =>
  `foreign-order:${uuid}`.replace(/[^\x21-\x7e]/g, '_').slice(0, 200);

const clip = (s: string | null, max: number): string | null =>
  s === null || s === '' ? null : s.slice(0, max);

/** The finding recorded for an order hoga did not place. */
export function foreignOrderFinding(
  order: SeenOrder,
  source: FindingSource,
  detectedAt: Date,
  policy: FindingPolicy,
): AccountFinding {
  return {
    findingId: foreignOrderFindingId(order.uuid),
    kind: 'foreign-order',
    market: order.market.slice(0, 32),
    side: order.side,
    ordType: order.ordType.slice(0, 16),
    price: order.price,
    volume: order.volume,
    executedVolume: order.executedVolume,
    executedFunds: order.executedFunds,
    state: order.state.slice(0, 16),
    exchangeOrderId: clip(order.uuid, 64),
    identifier: clip(order.identifier, 64),
    placedAt: E.isRight(IsoDateTime.decode(order.createdAt)) ? order.createdAt : null,
    detectedAt: detectedAt.toISOString(),
    source,
    drift: null,
    policy,
  };
}

/** What changed on a foreign order since its finding was recorded or updated; null: nothing. */
export function foreignOrderChange(
  finding: AccountFinding,
  order: SeenOrder,
): { state: string; executedVolume: Volume; executedFunds: Krw | null } | null {
  const sameVolume =
    finding.executedVolume !== null && finding.executedVolume.eq(order.executedVolume);
  if (finding.state === order.state.slice(0, 16) && sameVolume) return null;
  return {
    state: order.state.slice(0, 16),
    executedVolume: order.executedVolume,
    executedFunds: order.executedFunds,
  };
}
