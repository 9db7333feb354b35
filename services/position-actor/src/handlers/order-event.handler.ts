import type { DurableDelivery } from '@hoga/bus';
import type { OrderEvent } from '@hoga/contracts';
import { findActor } from './position-command.handler.js';
import type { ServiceContext } from './service-context.js';

/**
 * The durable consumer of `hoga.order.evt.*`: hands each order event to its position's actor
 * and acks once the resulting append has committed (a failure is not acked: redelivered).
 * An event for an unknown position is logged and acked. Repeats are harmless: the decider
 * ignores an event the machine refuses (a trade already applied, a settled order).
 */
export function orderEventHandler(ctx: ServiceContext) {
  return async (delivery: DurableDelivery<OrderEvent>): Promise<void> => {
    const event = delivery.data;
    const { positionId } = event.data;
    const actor = await findActor(ctx, positionId);
    if (actor === undefined) {
      ctx.logger.warn('order event for an unknown position', {
        positionId,
        type: event.type,
        id: event.id,
      });
    } else {
      await ctx.host.submit(actor, { kind: 'order', id: event.id, event });
    }
    await delivery.ack();
  };
}
