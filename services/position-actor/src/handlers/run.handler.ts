import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { opsFailure, type RunStrategy, type RunStrategyReply } from '@hoga/contracts';
import type * as t from 'io-ts';
import type { PositionId } from '@hoga/model';
import { decodeStrategySpec, restore } from '@hoga/position';
import { notOwnerFailure } from './not-owner.js';
import type { ServiceContext } from './service-context.js';

/** The request of the endpoint. */
export type RunIn = t.TypeOf<typeof RunStrategy>;
/** The reply of the endpoint. */
export type RunOut = t.TypeOf<typeof RunStrategyReply>;

/** The position id of a run command: a hash of its command id, so a repeat names the same one. */
export const positionIdForCommand = (commandId: string): PositionId =>
  `pos-${createHash('sha256').update(commandId).digest('hex').slice(0, 24)}` as PositionId;

/**
 * `hoga.ops.position-actor.run`: decodes the strategy spec (an invalid one is answered
 * `bad-request` with every field path), opens a `pending` position (`PositionOpened`, plus the
 * entry order for `entry: immediate`). A repeated command id answers the same position and
 * changes nothing (the second start is a no-op). Refused (`denied`) while trading is HALTED;
 * `unavailable` on an instance that does not own the position's partition.
 */
export function runHandler(ctx: ServiceContext) {
  return async (request: RunIn): Promise<RunOut> => {
    const { strategy, commandId, issuedBy } = request.data;
    const spec = decodeStrategySpec(strategy);
    if (E.isLeft(spec)) return opsFailure('bad-request', spec.left.message.slice(0, 1000));
    const positionId = positionIdForCommand(commandId);
    const reply: RunOut = { ok: true, positionId, strategyId: spec.right.id };
    const notOwner = notOwnerFailure(ctx, positionId);
    if (notOwner !== null) return notOwner;
    if (ctx.host.get(positionId) !== undefined) return reply;
    if (ctx.risk.halted) return opsFailure('denied', 'trading is HALTED: no new positions');
    const actor = ctx.newActor(positionId, restore());
    await ctx.host.adopt(actor);
    await ctx.host.submit(actor, {
      kind: 'start',
      id: request.id,
      positionId,
      spec: spec.right,
      openedBy: issuedBy,
      lastPrice: ctx.host.lastPrice(spec.right.market),
    });
    ctx.logger.info('position opened', { positionId, strategyId: spec.right.id, issuedBy });
    return reply;
  };
}
