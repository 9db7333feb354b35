import { setTimeout as sleep } from 'node:timers/promises';
import { consumerBacklogs, deleteConsumer, type Bus, type DurableDelivery } from '@hoga/bus';
import { subjects, type OrderEvent } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import type { ServiceContext } from '../../handlers/service-context.js';

/** Where order events went before ADR 0065: `hoga.order.evt.<positionId>`. */
const UNPARTITIONED = subjects.orderEvtUnpartitioned('*');
const PREFIX = UNPARTITIONED.subject.slice(0, -1);
/** How often the drained consumer's backlog is asked for. */
const POLL_MS = 200;

/** The position of an unpartitioned order-event subject (undefined for any other subject). */
const positionOfSubject = (subject: string): PositionId | undefined => {
  const rest = subject.startsWith(PREFIX) ? subject.slice(PREFIX.length) : '';
  return rest === '' || rest.includes('.') ? undefined : (rest as PositionId);
};

/** What draining one partition's consumer of an earlier version needs. */
export interface UnpartitionedDrain {
  readonly bus: Bus;
  readonly ctx: ServiceContext;
  readonly partition: number;
  /** The consumer an earlier version kept for the partition: `<name>-p<partition>`. */
  readonly durable: string;
  readonly handler: (delivery: DurableDelivery<OrderEvent>) => Promise<void>;
}

/**
 * The migration of ADR 0065, run by a partition's owner before the partition's consumer of
 * `hoga.order.evt.<partition>.*` starts. Before, each partition had a durable consumer of every
 * order event (`hoga.order.evt.*`); one left by an earlier version may still hold events of the
 * partition not yet handled. If there is one, it is consumed as before (events of other
 * partitions acked untouched, this partition's handed to `handler`) until nothing is pending or
 * unacked, then deleted. True when the partition has no such consumer any more; false when the
 * lease was lost first (the next owner drains what is left). On a bus that is not NATS there is
 * none (nothing outlives the process).
 */
export async function drainUnpartitioned(drain: UnpartitionedDrain): Promise<boolean> {
  const { bus, ctx, partition, durable, handler } = drain;
  const backlog = async () => (await consumerBacklogs(bus, UNPARTITIONED, [durable]))[0];
  const first = await backlog();
  if (first === undefined) return true;
  ctx.logger.info('draining the order events of an earlier version', {
    ...{ partition, durable, pending: first.pending },
  });
  const consumer = await bus.consume(
    UNPARTITIONED,
    {
      durable,
      ackWaitMs: 30_000,
      maxDeliver: 10,
      accepts: (subject) => {
        const id = positionOfSubject(subject);
        return id !== undefined && ctx.partitionOf(id) === partition;
      },
    },
    handler,
  );
  try {
    for (;;) {
      if (!ctx.owns(partition)) return false;
      const left = await backlog();
      if (left === undefined || left.pending === 0) break;
      await sleep(POLL_MS);
    }
  } finally {
    await consumer.unsubscribe();
  }
  if (!ctx.owns(partition)) return false;
  await deleteConsumer(bus, UNPARTITIONED, durable);
  ctx.logger.info('order events of an earlier version drained', { partition, durable });
  return true;
}
