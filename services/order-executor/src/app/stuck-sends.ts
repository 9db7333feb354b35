import type { Logger } from '@hoga/telemetry';
import type { Alerts } from '../adapters/bus/alerts.js';
import type { OrderTransactions } from '../adapters/db/order-transactions.js';
import type { OrdersRepository } from '../adapters/db/orders.repository.js';
import type { OrderRecord } from '../domain/order-record.js';
import type { BackgroundTasks } from './background.js';
import type { PlaceOrders } from './place-orders.js';

/** What the sweep of stuck sends needs. */
export interface StuckSendsDeps {
  readonly orders: OrdersRepository;
  readonly transactions: OrderTransactions;
  readonly place: PlaceOrders;
  /** Where the drives run (each waits for the order's lock; a stop drains them). */
  readonly tasks: BackgroundTasks;
  readonly alerts: Alerts;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** A `new`/`submitting` row unchanged this long is driven by the sweep (no command drives it). */
  readonly idleMs: number;
  /** A row still not sent this long after its decision raises a critical alert (once). */
  readonly alertAfterMs: number;
}

/**
 * Bounds every order that has not reached Upbit (ADR 0030). A row stays `new` while Upbit
 * refuses its send (429/418: the command is nak'd and sent again) or while its command is not
 * delivered any more (dead-lettered after `maxDeliver`), and `submitting` when the outcome of its
 * send could not be recorded. Each pass:
 * - drives every `new`/`submitting` row idle for `idleMs` as a redelivered command would: an
 *   entry past its maximum age is refused (`order-expired`), an exit is sent again, a
 *   `submitting` row becomes `unknown` (the resolver looks it up);
 * - raises one critical alert for every order still not sent `alertAfterMs` after its decision
 *   that Upbit refused or nothing drives (in practice an exit Upbit keeps refusing), naming why;
 *   the row stays visible as `new` with its refusal count and reason until it is sent. Exits are
 *   never given up.
 */
export class StuckSends {
  /** Orders a drive of this sweep is under way for (at most one each). */
  readonly #driving = new Set<string>();

  constructor(private readonly deps: StuckSendsDeps) {}

  async sweep(): Promise<void> {
    const { orders, clock, idleMs } = this.deps;
    const unsent = await orders.inStates(['new', 'submitting']);
    for (const order of unsent) await this.alertIfLate(order);
    const idleBefore = clock().getTime() - idleMs;
    for (const order of unsent)
      if (order.lastChangedAt.getTime() <= idleBefore && !this.#driving.has(order.orderId))
        this.drive(order);
  }

  private drive(order: OrderRecord): void {
    this.#driving.add(order.orderId);
    this.deps.tasks.run(`stuck order ${order.orderId}`, () =>
      this.deps.place
        .drive(order.orderId, order.leg)
        .finally(() => this.#driving.delete(order.orderId)),
    );
  }

  /**
   * One critical alert for an order not sent `alertAfterMs` after its decision because Upbit
   * refused it or nothing drives it (idle): not for a command that merely arrived late and is
   * being sent now (an entry that old is refused for its age anyway).
   */
  private async alertIfLate(order: OrderRecord): Promise<void> {
    if (order.sendAlertedAt !== null) return;
    const now = this.deps.clock().getTime();
    const waited = now - (order.decidedAt ?? order.createdAt).getTime();
    const stuck = order.sendRefusals > 0 || now - order.lastChangedAt.getTime() >= this.deps.idleMs;
    if (waited < this.deps.alertAfterMs || !stuck) return;
    let marked = false;
    await this.deps.transactions.runFrom(order.orderId, ['new', 'submitting'], async (tx) => {
      if (tx.order.sendAlertedAt !== null) return;
      await tx.update({ sendAlertedAt: tx.now });
      marked = true;
    });
    if (!marked) return;
    await this.deps.alerts.raise({
      severity: 'critical',
      title: `${order.leg} order ${order.orderId} not sent after ${Math.round(waited / 1000)} s`,
      body: `${order.market} ${order.side} (${order.identifier}): ${order.detail ?? 'not sent yet'}; still trying`,
      dedupKey: `order-not-sent:${order.orderId}`,
    });
  }
}
