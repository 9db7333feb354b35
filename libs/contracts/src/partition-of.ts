import { createHash } from 'node:crypto';
import type { PositionId } from '@hoga/model';

/** Default number of partitions the positions are spread over (ADR 0018). */
export const DEFAULT_PARTITION_COUNT = 16;

/** The most partitions a deployment may use (a partition is one subject token, ADR 0065). */
export const MAX_PARTITION_COUNT = 4096;

/** True for a partition count hoga accepts: an integer in 1..{@link MAX_PARTITION_COUNT}. */
export const isPartitionCount = (count: unknown): count is number =>
  typeof count === 'number' &&
  Number.isInteger(count) &&
  count >= 1 &&
  count <= MAX_PARTITION_COUNT;

/**
 * The partition of a position: the first 32 bits of sha256(position id) modulo `count`.
 * Stable across processes and versions (never Node's string hash), so every instance agrees.
 * The one rule for position-actor's leases and index and for the order-event subjects
 * order-executor publishes on (ADR 0018, 0065). Throws a `RangeError` for a count outside
 * 1..{@link MAX_PARTITION_COUNT}.
 */
export function partitionOf(positionId: PositionId | string, count: number): number {
  if (!isPartitionCount(count)) throw new RangeError(`invalid partition count ${String(count)}`);
  const digest = createHash('sha256').update(positionId).digest();
  return digest.readUInt32BE(0) % count;
}
