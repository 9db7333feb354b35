import { createHash } from 'node:crypto';
import type { PositionId } from '@hoga/model';

/** Default number of partitions the positions are spread over. */
export const DEFAULT_PARTITION_COUNT = 16;

/**
 * The partition of a position: the first 32 bits of sha256(position id) modulo `count`.
 * Stable across processes and versions (never Node's string hash), so every instance agrees.
 */
export function partitionOf(positionId: PositionId | string, count: number): number {
  const digest = createHash('sha256').update(positionId).digest();
  return digest.readUInt32BE(0) % count;
}
