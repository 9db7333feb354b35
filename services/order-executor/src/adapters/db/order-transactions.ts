import * as E from 'fp-ts/lib/Either.js';
import type { Kysely, Transaction } from 'kysely';
import { OrderEvent, subjects } from '@hoga/contracts';
import { decodeWith } from '@hoga/model';
import { traceHeaders } from '@hoga/telemetry';
import { OrderEventFactory } from '../../domain/order-events.factory.js';
import type { OrderRecord, OrderState, Trade } from '../../domain/order-record.js';
import { patchColumns, toOrderRecord, toTrade, type OrderPatch } from './order-rows.js';
import type { ExecutorTables } from './tables.js';

/** What a unit of work may do with one order, inside its transaction. */
export interface OrderTx {
  /** The order as locked at the start of the transaction. */
  readonly order: OrderRecord;
  readonly now: Date;
  /** Builds this order's events (deterministic ids). */
  readonly events: OrderEventFactory;
  update(patch: OrderPatch): Promise<void>;
  /** Inserts the trade unless its uuid is recorded; true when it was new. */
  recordTrade(trade: Trade): Promise<boolean>;
  /** The order's recorded trades. */
  trades(): Promise<Trade[]>;
  /** Adds an event to the order's log and outbox (a repeat of its id is ignored). */
  append(event: OrderEvent): Promise<void>;
}

/** An event that does not encode to a valid `OrderEvent`: a bug, never written. */
export class InvalidOrderEventError extends Error {
  override readonly name = 'InvalidOrderEventError';
}

/**
 * Runs units of work on one order each in one PostgreSQL transaction that holds the order's
 * row lock (`for update`): the order change, its trades and its events (the outbox rows) commit
 * together or not at all. After a commit that wrote events, `afterEvents` wakes the relay.
 */
export class OrderTransactions {
  constructor(
    private readonly db: Kysely<ExecutorTables>,
    private readonly clock: () => Date,
    private readonly afterEvents: () => void,
    /** position-actor's partition count: the partition in each event's subject (ADR 0065). */
    private readonly partitions: number,
  ) {}

  /**
   * Runs `work` with the order locked if it is in one of `states`; true when it ran. From any
   * other state nothing happens (a repeat, or a race another path already won).
   */
  async runFrom(
    orderId: string,
    states: readonly OrderState[],
    work: (tx: OrderTx) => Promise<void>,
  ): Promise<boolean> {
    const ran = await this.run(orderId, async (tx) => {
      if (!states.includes(tx.order.state)) return false;
      await work(tx);
      return true;
    });
    return ran === true;
  }

  /**
   * Applies `patch` if the order is in one of `states`, in one statement (its own transaction,
   * the row locked by the update itself): for a change that writes no event, one round trip
   * instead of `runFrom`'s four. True when it applied.
   */
  async updateFrom(
    orderId: string,
    states: readonly OrderState[],
    patch: (now: Date) => OrderPatch,
  ): Promise<boolean> {
    const now = this.clock();
    const updated = await this.db
      .updateTable('orders')
      .set({ ...patchColumns(patch(now)), updated_at: now })
      .where('order_id', '=', orderId)
      .where('state', 'in', [...states])
      .returning('order_id')
      .executeTakeFirst();
    return updated !== undefined;
  }

  /** Runs `work` with the order locked; undefined when there is no such order. */
  async run<T>(orderId: string, work: (tx: OrderTx) => Promise<T>): Promise<T | undefined> {
    let wrote = false;
    const result = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('orders')
        .selectAll()
        .where('order_id', '=', orderId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return undefined;
      const order = toOrderRecord(row);
      const subject = subjects.orderEvtFor(order.positionId, this.partitions).subject;
      const tx = new Tx(trx, order, subject, this.clock(), () => (wrote = true));
      return work(tx);
    });
    if (wrote) this.afterEvents();
    return result;
  }
}

class Tx implements OrderTx {
  readonly events: OrderEventFactory;

  constructor(
    private readonly trx: Transaction<ExecutorTables>,
    readonly order: OrderRecord,
    /** Where this order's events go: `hoga.order.evt.<partition>.<positionId>`. */
    private readonly subject: string,
    readonly now: Date,
    private readonly wrote: () => void,
  ) {
    this.events = new OrderEventFactory(order, now);
  }

  async update(patch: OrderPatch): Promise<void> {
    await this.trx
      .updateTable('orders')
      .set({ ...patchColumns(patch), updated_at: this.now })
      .where('order_id', '=', this.order.orderId)
      .execute();
  }

  async recordTrade(trade: Trade): Promise<boolean> {
    const inserted = await this.trx
      .insertInto('trades')
      .values({
        trade_uuid: trade.uuid,
        order_id: this.order.orderId,
        market: this.order.market,
        side: this.order.side,
        price: trade.price.toString(),
        volume: trade.volume.toString(),
        funds: trade.funds.toString(),
        fee: trade.fee.toString(),
        traded_at: trade.at,
        source: trade.source,
      })
      .onConflict((oc) => oc.column('trade_uuid').doNothing())
      .returning('trade_uuid')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async trades(): Promise<Trade[]> {
    const rows = await this.trx
      .selectFrom('trades')
      .selectAll()
      .where('order_id', '=', this.order.orderId)
      .orderBy('traded_at')
      .execute();
    return rows.map(toTrade);
  }

  async append(event: OrderEvent): Promise<void> {
    const payload = OrderEvent.encode(event);
    if (E.isLeft(decodeWith(OrderEvent, payload)))
      throw new InvalidOrderEventError(`${event.type} ${event.id} does not encode validly`);
    await this.trx
      .insertInto('order_events')
      .values({
        id: event.id,
        order_id: this.order.orderId,
        type: event.type,
        subject: this.subject,
        payload: JSON.stringify(payload),
        // The active trace (the command's, or the fill's): the relay continues it (ADR 0057).
        headers: JSON.stringify(traceHeaders()),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    this.wrote();
  }
}
