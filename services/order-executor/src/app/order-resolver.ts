import type { Logger } from '@hoga/telemetry';
import type { Alerts } from '../adapters/bus/alerts.js';
import type { OrdersRepository } from '../adapters/db/orders.repository.js';
import type { OrderLists } from '../adapters/upbit/order-lists.js';
import type { UpbitGateway } from '../adapters/upbit/upbit-gateway.js';
import {
  decideAbsence,
  sendWindow,
  type AbsenceRule,
  type AbsenceVerdict,
} from '../domain/absence-rule.js';
import type { ExchangeOrder } from '../domain/exchange-order.js';
import type { OrderRecord } from '../domain/order-record.js';
import type { KeyedMutex } from './keyed-mutex.js';
import type { LookupRecorder } from './lookup-recorder.js';
import type { OrderRecorder } from './order-recorder.js';

/** What the resolver needs. */
export interface OrderResolverDeps {
  readonly orders: OrdersRepository;
  readonly recorder: OrderRecorder;
  readonly lookups: LookupRecorder;
  readonly upbit: UpbitGateway;
  /** The account's open and closed order lists: the second view the absence rule needs. */
  readonly lists: OrderLists;
  readonly mutex: KeyedMutex;
  readonly alerts: Alerts;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly rule: AbsenceRule;
  /** First wait between lookups; doubled per lookup up to 16 times it. */
  readonly lookupIntervalMs: number;
  /** Unknown this long -> a warning alert (once per order). */
  readonly alertAfterMs: number;
  /** Told when a lookup found the order (it is `open` now). */
  readonly onAdopted: (orderId: string) => void;
}

/**
 * Resolves `unknown` orders (ARCHITECTURE §8.3): looks each up by identifier with backoff until
 * Upbit has it (adopted: `open`, `OrderAccepted` via lookup, its trades recorded) or its absence
 * is certain: the lookups by identifier are conclusive under the {@link AbsenceRule} AND neither
 * the account's open orders nor its closed orders over the send window have the identifier
 * ({@link decideAbsence}, ADR 0031); an order found on a list is adopted by its uuid. Only
 * `not_placed` lets the position send a new attempt. An order unknown for too long raises a
 * warning alert.
 */
export class OrderResolver {
  constructor(private readonly deps: OrderResolverDeps) {}

  /** One pass over the unknown orders whose lookup is due; failures are logged. */
  async resolveDue(): Promise<void> {
    for (const order of await this.deps.orders.dueLookups(this.deps.clock())) {
      await this.deps.mutex
        .run(order.orderId, () => this.resolveNow(order.orderId))
        .catch((error: unknown) =>
          this.deps.logger.warn('lookup of an unknown order failed', {
            orderId: order.orderId,
            error,
          }),
        );
    }
  }

  /** Looks one order up now (call it holding the order's lock); a failed lookup propagates. */
  async resolveNow(orderId: string): Promise<void> {
    const order = await this.deps.orders.get(orderId);
    if (order?.state !== 'unknown') return;
    try {
      await this.lookUp(order);
    } finally {
      await this.alertIfStale(orderId);
    }
  }

  private async lookUp(order: OrderRecord): Promise<void> {
    const { upbit, clock } = this.deps;
    const sentAt = clock();
    const next = this.nextLookup(order, sentAt);
    let found;
    try {
      found = await upbit.lookup({ identifier: order.identifier });
    } catch (error) {
      await this.deps.lookups.lookupFailed(order.orderId, next);
      throw error;
    }
    if (found === null) {
      const verdict = await this.deps.lookups.notFound(order.orderId, sentAt, this.deps.rule, next);
      if (verdict?.certain === true) await this.askTheLists(order, verdict);
      return;
    }
    await this.adopt(order, found);
  }

  /** The lookups by identifier are conclusive: the account's order lists must agree. */
  private async askTheLists(order: OrderRecord, verdict: AbsenceVerdict): Promise<void> {
    const { lists, clock, rule, logger } = this.deps;
    const window = sendWindow(order.createdAt, clock(), rule.windowMarginMs);
    const views = await lists.views(order.identifier, order.market, window);
    const decision = decideAbsence(verdict, views);
    if (decision.kind === 'undecided') {
      logger.warn('unknown order: absence not proven, looking again', {
        orderId: order.orderId,
        why: decision.why,
      });
      return;
    }
    if (decision.kind === 'absent') {
      if (await this.deps.lookups.notPlaced(order.orderId, decision.detail))
        await this.provenNotPlaced(order);
      return;
    }
    logger.warn("unknown order: not found by identifier but on the account's order list", {
      orderId: order.orderId,
      view: decision.view,
      uuid: decision.uuid,
    });
    const found = await this.deps.upbit.lookup({ uuid: decision.uuid });
    if (found === null || found.identifier !== order.identifier)
      throw new Error(`order ${decision.uuid} on the ${decision.view} list cannot be read by uuid`);
    await this.adopt(order, found);
  }

  private async adopt(order: OrderRecord, found: ExchangeOrder): Promise<void> {
    await this.deps.recorder.accept(order.orderId, found, 'lookup');
    this.deps.logger.info('unknown order found on Upbit and adopted', { orderId: order.orderId });
    this.deps.onAdopted(order.orderId);
  }

  private nextLookup(order: OrderRecord, now: Date): Date {
    const wait = this.deps.lookupIntervalMs * 2 ** Math.min(order.lookups, 4);
    return new Date(now.getTime() + wait);
  }

  /**
   * Closes the loop on an unknown outcome: the operator who was alerted that the order was
   * unknown hears that it was proven never placed (its position may now try again with a new
   * identifier); one not alerted yet is logged at warn.
   */
  private async provenNotPlaced(order: OrderRecord): Promise<void> {
    const facts = { orderId: order.orderId, identifier: order.identifier };
    this.deps.logger.warn('unknown order proven not placed', facts);
    if (order.alertedAt === null) return;
    await this.deps.alerts.raise({
      severity: 'warning',
      title: `order ${order.orderId} was never placed (unknown outcome resolved)`,
      body: `identifier ${order.identifier} (${order.market} ${order.side}): every view of the account agrees it is absent; its position may try again with a new identifier`,
      dedupKey: `order-not-placed:${order.orderId}`,
    });
  }

  private async alertIfStale(orderId: string): Promise<void> {
    const order = await this.deps.orders.get(orderId);
    if (order?.state !== 'unknown' || order.alertedAt !== null || order.unknownSince === null)
      return;
    const age = this.deps.clock().getTime() - order.unknownSince.getTime();
    if (age < this.deps.alertAfterMs) return;
    await this.deps.alerts.raise({
      severity: 'warning',
      title: `order ${orderId} outcome unknown for ${Math.round(age / 1000)} s`,
      body: `identifier ${order.identifier} (${order.market} ${order.side}): ${order.detail ?? ''}; still looking it up`,
      dedupKey: `order-unknown:${orderId}`,
    });
    await this.deps.lookups.alerted(orderId);
  }
}
