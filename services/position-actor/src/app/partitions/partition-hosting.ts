import type { Bus, Subscription } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { restore } from '@hoga/position';
import { orderEventHandler } from '../../handlers/order-event.handler.js';
import type { ServiceContext } from '../../handlers/service-context.js';
import type { PositionIndexProjector } from '../position-index-projector.js';
import type { PositionIndex } from '../../adapters/position-index/position-index.port.js';
import type { PartitionListener } from './partition-leases.js';
import { drainUnpartitioned } from './unpartitioned-order-events.js';

/**
 * Open positions loaded at once when a partition is acquired: each load is two short reads
 * (snapshot, tail), so a few in flight keep the store's pool busy instead of waiting on each
 * round trip in turn.
 */
const LOADS_IN_FLIGHT = 8;

/** The durable consumer of one partition's order events, `hoga.order.evt.<partition>.*`. */
export const orderEventConsumer = (name: string, partition: number): string =>
  `${name}-evt-p${String(partition)}`;

/** What hosting a partition needs. */
export interface PartitionHostingDeps {
  readonly bus: Bus;
  readonly ctx: ServiceContext;
  readonly index: PositionIndex;
  readonly projector: PositionIndexProjector;
  /**
   * Prefix of the per-partition durable consumers of order events (`<name>-evt-p<partition>`;
   * `<name>-p<partition>` were an earlier version's, drained and deleted: ADR 0065).
   */
  readonly consumerName: string;
}

/**
 * Hosts the positions of owned partitions: on acquiring one, catches the index up, rehydrates
 * its open positions, drains an earlier version's consumer of the partition (ADR 0065) and
 * starts its order-event consumer; on releasing or losing it, stops its actors first (at once,
 * synchronously on loss), then its consumer.
 */
export class PartitionHosting implements PartitionListener {
  readonly #consumers = new Map<number, Promise<Subscription>>();
  /** Positions rehydrated so far. */
  rehydrated = 0;

  constructor(private readonly deps: PartitionHostingDeps) {}

  async acquired(partition: number): Promise<void> {
    const { ctx, bus, index, projector, consumerName } = this.deps;
    await projector.catchUp();
    await this.#hostAll(await index.positions([partition], 'open'));
    const handler = orderEventHandler(ctx, partition);
    const durable = `${consumerName}-p${String(partition)}`;
    if (!(await drainUnpartitioned({ bus, ctx, partition, durable, handler }))) return;
    const consumer = bus.consume(
      subjects.orderEvt(partition, '*'),
      {
        durable: orderEventConsumer(consumerName, partition),
        ackWaitMs: 30_000,
        maxDeliver: 10,
      },
      handler,
    );
    this.#consumers.set(partition, consumer);
    await consumer;
    ctx.logger.info('partition acquired', { partition, hosted: ctx.host.all().length });
  }

  async released(partition: number): Promise<void> {
    await this.#evict(partition);
    await this.#unsubscribe(partition);
    this.deps.ctx.logger.info('partition released', { partition });
  }

  lost(partitions: readonly number[]): void {
    for (const p of partitions) {
      this.#evict(p).catch(() => undefined);
      this.#unsubscribe(p).catch(() => undefined);
    }
  }

  /** Hosts an open position of an owned partition (no-op when already hosted). */
  async host(positionId: PositionId): Promise<void> {
    const { ctx } = this.deps;
    if (ctx.host.get(positionId) !== undefined) return;
    const actor = ctx.newActor(positionId, restore(await ctx.stream.load(positionId)));
    if (ctx.host.get(positionId) !== undefined) return;
    await ctx.host.adopt(actor);
    this.rehydrated += 1;
  }

  /**
   * Hosts positions, `LOADS_IN_FLIGHT` at a time; after a failure no new load starts, the ones
   * in flight end, then the first error is thrown (nothing loads on after this returns).
   */
  async #hostAll(ids: readonly PositionId[]): Promise<void> {
    let next = 0;
    let failed = false;
    const loader = async (): Promise<void> => {
      while (!failed && next < ids.length)
        await this.host(ids[next++]!).catch((error: unknown) => {
          failed = true;
          throw error;
        });
    };
    const loaders = Array.from({ length: Math.min(LOADS_IN_FLIGHT, ids.length) }, loader);
    const failure = (await Promise.allSettled(loaders)).find((r) => r.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }

  #evict(partition: number): Promise<void> {
    const { ctx } = this.deps;
    return ctx.host.evict((id) => ctx.partitionOf(id) === partition);
  }

  async #unsubscribe(partition: number): Promise<void> {
    const consumer = this.#consumers.get(partition);
    this.#consumers.delete(partition);
    await (await consumer)?.unsubscribe();
  }
}
