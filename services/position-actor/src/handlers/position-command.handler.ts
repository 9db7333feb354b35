import { opsFailure, type ClosePosition, type PositionCommandReply } from '@hoga/contracts';
import type * as t from 'io-ts';
import type { PositionId } from '@hoga/model';
import { commandRefusal, restore, type CommandInput, type OperatorVerb } from '@hoga/position';
import type { PositionActor } from '../app/position-actor.js';
import { notOwnerFailure } from './not-owner.js';
import type { ServiceContext } from './service-context.js';

type Verb = OperatorVerb & ('close' | 'pause' | 'resume' | 'retry-close' | 'dismiss');
/** Every position command has the shape of `ClosePosition` (its `type` differs). */
/** The request of the endpoint. */
export type CommandIn = Omit<t.TypeOf<typeof ClosePosition>, 'type'>;
/** The reply of the endpoint. */
export type CommandOut = t.TypeOf<typeof PositionCommandReply>;

/**
 * The actor of a position of an owned partition: in memory, or loaded from the store (a closed
 * one); undefined if none (or not owned here).
 */
export async function findActor(
  ctx: ServiceContext,
  id: PositionId,
): Promise<PositionActor | undefined> {
  const inMemory = ctx.host.get(id);
  if (inMemory !== undefined) return inMemory;
  if (!ctx.owns(ctx.partitionOf(id))) return undefined;
  if ((await ctx.stream.version(id)) === 0) return undefined;
  const actor = ctx.newActor(id, restore(await ctx.stream.load(id)));
  await ctx.host.adopt(actor);
  return actor;
}

/**
 * `hoga.ops.position-actor.<close|pause|resume|retry-close|dismiss>`: recorded as position
 * events with who issued it. A repeated command id is answered ok and changes nothing;
 * an unknown position is `not-found`; a command the state refuses is `conflict` with why;
 * `unavailable` on an instance that does not own the position's partition.
 */
export function positionCommandHandler(ctx: ServiceContext, verb: Verb) {
  return async (request: CommandIn): Promise<CommandOut> => {
    const { positionId, commandId, issuedBy, reason } = request.data;
    const notOwner = notOwnerFailure(ctx, positionId);
    if (notOwner !== null) return notOwner;
    const actor = await findActor(ctx, positionId);
    if (actor === undefined) return opsFailure('not-found', `no position ${positionId}`);
    const input: CommandInput = {
      kind: 'command',
      id: request.id,
      verb,
      issued: { commandId, issuedBy, reason },
    };
    await actor.idle();
    const refusal = commandRefusal(actor.live, input);
    if (refusal !== null && !actor.live.snapshot.context.commandIds.includes(commandId))
      return opsFailure('conflict', `${verb} refused: ${refusal}`);
    await ctx.host.submit(actor, input);
    ctx.logger.info('operator command', { positionId, verb, commandId, issuedBy });
    return { ok: true, positionId };
  };
}
