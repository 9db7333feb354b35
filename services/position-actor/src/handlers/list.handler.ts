import type { ListPositions, ListPositionsReply } from '@hoga/contracts';
import type * as t from 'io-ts';
import type { Decimal } from '@hoga/model';
import type { PositionStateData } from '@hoga/position';
import { stateOf } from '../adapters/state-publisher.js';
import { findActor } from './position-command.handler.js';
import type { ServiceContext } from './service-context.js';

/** The request of the endpoint. */
export type ListIn = t.TypeOf<typeof ListPositions>;
/** The reply of the endpoint. */
export type ListOut = t.TypeOf<typeof ListPositionsReply>;

/**
 * `hoga.ops.position-actor.list`: the live state of the positions in memory and, when closed
 * ones are asked for, of the closed ones of the owned partitions (loaded on demand), filtered
 * by status and market. With several instances it answers the answering instance's partitions.
 */
export function listHandler(ctx: ServiceContext, feeRate: Decimal) {
  return async (request: ListIn): Promise<ListOut> => {
    const { statuses, market } = request.data;
    if (statuses === null || statuses.includes('closed'))
      for (const id of await ctx.closedPositions()) await findActor(ctx, id);
    const positions = ctx.host
      .all()
      .map((actor) => stateOf(actor.live, feeRate))
      .filter((s): s is PositionStateData => s !== null)
      .filter(
        (s) =>
          (statuses === null || statuses.includes(s.status)) &&
          (market === null || s.market === market),
      )
      .sort((a, b) => a.positionId.localeCompare(b.positionId));
    return { ok: true, positions };
  };
}
