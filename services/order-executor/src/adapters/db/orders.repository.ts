import type { Kysely } from 'kysely';
import { traceHeaders, type TraceHeaders } from '@hoga/telemetry';
import type { OrderRecord, OrderState, Trade } from '../../domain/order-record.js';
import { toOrderRecord, toTrade } from './order-rows.js';
import type { ExecutorTables } from './tables.js';

/** What storing a PlaceOrder found. */
export type InsertOutcome = 'inserted' | 'exists' | 'identifier-taken';

/** Reads of the `orders` and `trades` tables, and the idempotent insert of a new order. */
export class OrdersRepository {
  constructor(private readonly db: Kysely<ExecutorTables>) {}

  /**
   * Stores a new order (`newOrderRecord`: state `new`; or `submitting`, for an exit stored as it
   * is sent) unless its `orderId` is already stored (a redelivery: the stored row wins).
   * `identifier-taken`: another order has its identifier.
   */
  async insertIfAbsent(r: OrderRecord): Promise<InsertOutcome> {
    const inserted = await this.db
      .insertInto('orders')
      .values({
        order_id: r.orderId,
        identifier: r.identifier,
        position_id: r.positionId,
        leg: r.leg,
        attempt: r.attempt,
        market: r.market,
        side: r.side,
        kind: r.kind,
        price: r.price?.toString() ?? null,
        volume: r.volume?.toString() ?? null,
        total_krw: r.totalKrw?.toString() ?? null,
        state: r.state,
        last_sent_at: r.lastSentAt,
        command_id: r.commandId,
        correlation_id: r.correlationId,
        decided_at: r.decidedAt,
        trace_headers: JSON.stringify(traceHeaders()),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('order_id')
      .executeTakeFirst();
    if (inserted) return 'inserted';
    return (await this.get(r.orderId)) ? 'exists' : 'identifier-taken';
  }

  /** The trace the order was placed in (`traceparent`...; {} when it was not traced). */
  async traceOf(orderId: string): Promise<TraceHeaders> {
    const row = await this.db
      .selectFrom('orders')
      .select('trace_headers')
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    const stored: unknown = row?.trace_headers;
    if (typeof stored !== 'object' || stored === null) return {};
    return Object.fromEntries(
      Object.entries(stored).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  }

  async get(orderId: string): Promise<OrderRecord | undefined> {
    const row = await this.db
      .selectFrom('orders')
      .selectAll()
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row && toOrderRecord(row);
  }

  /** The order Upbit knows by `uuid` or by `identifier`. */
  async findExchangeOrder(
    uuid: string,
    identifier: string | null,
  ): Promise<OrderRecord | undefined> {
    const row = await this.db
      .selectFrom('orders')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('exchange_uuid', '=', uuid),
          ...(identifier === null ? [] : [eb('identifier', '=', identifier)]),
        ]),
      )
      .executeTakeFirst();
    return row && toOrderRecord(row);
  }

  /** Orders in any of `states`, oldest first. */
  async inStates(states: readonly OrderState[]): Promise<OrderRecord[]> {
    const rows = await this.db
      .selectFrom('orders')
      .selectAll()
      .where('state', 'in', [...states])
      .orderBy('created_at')
      .execute();
    return rows.map(toOrderRecord);
  }

  /** Unknown orders whose next lookup is due. */
  async dueLookups(now: Date): Promise<OrderRecord[]> {
    const rows = await this.db
      .selectFrom('orders')
      .selectAll()
      .where('state', '=', 'unknown')
      .where((eb) => eb.or([eb('next_lookup_at', 'is', null), eb('next_lookup_at', '<=', now)]))
      .orderBy('created_at')
      .execute();
    return rows.map(toOrderRecord);
  }

  /** The recorded trades of an order, oldest first. */
  async trades(orderId: string): Promise<Trade[]> {
    const rows = await this.db
      .selectFrom('trades')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('traded_at')
      .orderBy('recorded_at')
      .execute();
    return rows.map(toTrade);
  }

  /** The types of an order's events in the order they were recorded. */
  async eventTypes(orderId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('order_events')
      .select('type')
      .where('order_id', '=', orderId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => r.type);
  }
}
