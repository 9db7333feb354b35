import type { PositionId } from '@hoga/model';

const POSITION_PREFIX = 'position-';

/**
 * The event-store streams of hoga (PostgreSQL, the store of record), named in one place: every
 * reader and writer of a stream takes its id from here.
 */
export const eventStreams = {
  /** One stream per position: `position-<positionId>`. */
  position: (positionId: PositionId): string => `${POSITION_PREFIX}${positionId}`,
  /** What every position stream id starts with: a scan of all positions filters on it. */
  positionPrefix: POSITION_PREFIX,
  /** The trading state (risk-guard is its single writer). */
  risk: 'risk',
  /** Orders and balance changes hoga did not make (order-executor is its single writer). */
  accountFindings: 'account-findings',
} as const;

/** The position of a `position-<id>` stream id; null for any other stream. */
export function positionIdOfStream(streamId: string): PositionId | null {
  return streamId.startsWith(POSITION_PREFIX) && streamId.length > POSITION_PREFIX.length
    ? (streamId.slice(POSITION_PREFIX.length) as PositionId)
    : null;
}
