import type { DurableDelivery } from '@hoga/bus';
import type { OrderEvent } from '@hoga/contracts';
import { findActor } from './position-command.handler.js';
import type { ServiceContext } from './service-context.js';

/**
 * The durable consumer of `hoga.order.evt.*` for one partition (each partition has its own
 * durable consumer, run by the partition's owner): an event of another partition is acked
 * untouched; one of this partition while the lease is gone is nak'ed for the next owner. It hands each order event to its position's actor
 * and acks once the resulting append has committed (a failure is not acked: redelivered).
 * An event for an unknown position is logged and acked. Repeats are harmless: the decider
 * ignores an event the machine refuses (a trade already applied, a settled order).
 */
export function orderEventHandler(ctx: ServiceContext, partition: number) {
  return async (delivery: DurableDelivery<OrderEvent>): Promise<void> => {
    const event = delivery.data;
    const { positionId } = event.data;
    if (ctx.partitionOf(positionId) !== partition) return delivery.ack();
    if (!ctx.owns(partition)) return delivery.nak(1000);
    const actor = await findActor(ctx, positionId);
    if (actor === undefined) {
      ctx.logger.warn('order event for an unknown position', {
        positionId,
        type: event.type,
        id: event.id,
      });
    } else {
      const via = { subject: delivery.subject, headers: delivery.headers };
      await ctx.host.submit(actor, { kind: 'order', id: event.id, event }, via);
    }
    await delivery.ack();
  };
}
