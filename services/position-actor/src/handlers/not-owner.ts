import { opsFailure, type OpsFailure } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import type { ServiceContext } from './service-context.js';

/**
 * The `unavailable` reply of an instance that does not own the position's partition (only the
 * owner decides and appends); null when it does. Ops requests reach one instance of the queue
 * group, so the caller retries and lands on the owner (or on it once a hand-over completes).
 */
export function notOwnerFailure(ctx: ServiceContext, positionId: PositionId): OpsFailure | null {
  const partition = ctx.partitionOf(positionId);
  if (ctx.owns(partition)) return null;
  return opsFailure(
    'unavailable',
    `partition ${String(partition)} of ${positionId} is not owned by this instance: retry`,
  );
}
