import type { OrderDenialReason } from '@hoga/contracts';
import type { Decimal } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import type { OrderTransactions } from '../adapters/db/order-transactions.js';
import type { ExchangeOrder } from '../domain/exchange-order.js';
import type { UnknownCause } from '../domain/order-events.factory.js';
import type { Trade } from '../domain/order-record.js';
import { applySnapshotIn, recordFill, type SnapshotApplied } from './apply-snapshot.js';

/**
 * The changes of an order row from sending to filling, each one transaction with its events
 * (the outbox rows). A change applies only from the states named for it; from any other state
 * it does nothing and answers false (a repeat, or a race another path already won).
 */
export class OrderRecorder {
  constructor(
    private readonly orders: OrderTransactions,
    private readonly feeRate: Decimal,
    private readonly logger: Logger,
  ) {}

  /**
   * `new` -> `submitting`, committed before the POST: the send is now on record. No event, so
   * one conditional update (on the order path, every round trip before the POST counts).
   */
  submitting(orderId: string): Promise<boolean> {
    return this.orders.updateFrom(orderId, ['new'], (now) => ({
      state: 'submitting',
      lastSentAt: now,
    }));
  }

  /**
   * `submitting` -> `new`: Upbit refused the request before acting on it (429/418). The refusal
   * is counted and its reason kept on the row (visible until the order is sent).
   */
  backToNew(orderId: string, detail: string): Promise<boolean> {
    return this.orders.runFrom(orderId, ['submitting'], (tx) =>
      tx.update({
        state: 'new',
        sendRefusals: tx.order.sendRefusals + 1,
        detail: `send refused ${tx.order.sendRefusals + 1} time(s), last: ${detail}`,
      }),
    );
  }

  /** `new` -> `denied` with `OrderDenied`. */
  deny(orderId: string, reason: OrderDenialReason, detail: string): Promise<boolean> {
    return this.orders.runFrom(orderId, ['new'], async (tx) => {
      await tx.update({ state: 'denied', detail });
      await tx.append(tx.events.denied(reason, detail));
    });
  }

  /** `submitting` -> `rejected` with `OrderRejected`. */
  reject(orderId: string, name: string, message: string, status: number): Promise<boolean> {
    return this.orders.runFrom(orderId, ['submitting'], async (tx) => {
      await tx.update({ state: 'rejected', detail: `${name}: ${message}` });
      await tx.append(tx.events.rejected(name, message, status));
    });
  }

  /** `submitting` -> `unknown` with `OrderUnknown`: the resolver looks it up from now on. */
  unknown(orderId: string, cause: UnknownCause, detail: string): Promise<boolean> {
    return this.orders.runFrom(orderId, ['submitting'], async (tx) => {
      await tx.update({
        state: 'unknown',
        detail,
        unknownSince: tx.now,
        notFoundLookups: 0,
        nextLookupAt: null,
      });
      await tx.append(tx.events.unknown(cause, detail));
    });
  }

  /** `submitting` | `unknown` -> `open` with `OrderAccepted`, then the snapshot's trades. */
  async accept(
    orderId: string,
    snapshot: ExchangeOrder,
    via: 'response' | 'lookup',
  ): Promise<SnapshotApplied | undefined> {
    let applied: SnapshotApplied | undefined;
    await this.orders.runFrom(orderId, ['submitting', 'unknown'], async (tx) => {
      await tx.update({ state: 'open', exchangeUuid: snapshot.uuid, nextLookupAt: null });
      await tx.append(tx.events.accepted(snapshot.uuid, via));
      applied = await applySnapshotIn(tx, snapshot, this.feeRate, this.logger);
    });
    return applied;
  }

  /** Applies a later snapshot of an `open` order (its uuid must match). */
  async applySnapshot(
    orderId: string,
    snapshot: ExchangeOrder,
  ): Promise<SnapshotApplied | undefined> {
    let applied: SnapshotApplied | undefined;
    await this.orders.runFrom(orderId, ['open'], async (tx) => {
      if (tx.order.exchangeUuid === snapshot.uuid)
        applied = await applySnapshotIn(tx, snapshot, this.feeRate, this.logger);
    });
    return applied;
  }

  /** Records one trade of an `open` order seen on myOrder; true when it was new. */
  async recordTrade(orderId: string, exchangeUuid: string, trade: Trade): Promise<boolean> {
    let inserted = false;
    await this.orders.runFrom(orderId, ['open'], async (tx) => {
      if (tx.order.exchangeUuid === exchangeUuid)
        inserted = await recordFill(tx, exchangeUuid, trade);
    });
    return inserted;
  }
}
