import type { DurableDelivery } from '@hoga/bus';
import type { OrderEvent } from '@hoga/contracts';
import { findActor } from './position-command.handler.js';
import type { ServiceContext } from './service-context.js';

/**
 * An order event reached the consumer of a partition it does not belong to by this instance's
 * partition count: its publisher (order-executor, `HOGA_POSITION_ACTOR__PARTITIONS`) counts the
 * partitions differently (ADR 0065). Never handled here (another instance may own the position);
 * redelivered, then dead-lettered with this message.
 */
export class PartitionCountMismatchError extends Error {
  override readonly name = 'PartitionCountMismatchError';
}

/**
 * The durable consumer of one partition's order events, `hoga.order.evt.<partition>.*` (each
 * partition has its own durable consumer, run by the partition's owner; ADR 0018, 0065). An
 * event of this partition while the lease is gone is nak'ed for the next owner. It hands each
 * order event to its position's actor and acks once the resulting append has committed (a
 * failure is not acked: redelivered). An event for an unknown position is logged and acked.
 * Repeats are harmless: the decider ignores an event the machine refuses (a trade already
 * applied, a settled order). An event whose position is of another partition by this instance's
 * count is an error, logged and thrown ({@link PartitionCountMismatchError}).
 */
export function orderEventHandler(ctx: ServiceContext, partition: number) {
  return async (delivery: DurableDelivery<OrderEvent>): Promise<void> => {
    const event = delivery.data;
    const { positionId } = event.data;
    const belongs = ctx.partitionOf(positionId);
    if (belongs !== partition) {
      const problem =
        `order event ${event.id} for ${positionId} came on ${delivery.subject} (partition ` +
        `${String(partition)}), but with ${String(ctx.partitions)} partitions it belongs to ` +
        `partition ${String(belongs)}: its publisher counts the partitions differently ` +
        `(HOGA_POSITION_ACTOR__PARTITIONS must be the same for order-executor and position-actor)`;
      ctx.logger.error('partition count mismatch', {
        ...{ positionId, subject: delivery.subject, partition, belongs },
        partitions: ctx.partitions,
      });
      throw new PartitionCountMismatchError(problem);
    }
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
