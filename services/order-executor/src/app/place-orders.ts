import { IdentifierC, type PlaceOrder } from '@hoga/contracts';
import type { Logger } from '@hoga/telemetry';
import type { Alerts } from '../adapters/bus/alerts.js';
import type { OrdersRepository } from '../adapters/db/orders.repository.js';
import { accessRefusalOf } from '@hoga/upbit';
import { isAccessLost } from '../adapters/upbit/access-guard.js';
import type { UpbitGateway } from '../adapters/upbit/upbit-gateway.js';
import type { CallKind } from '../domain/exchange-access.js';
import { newOrderRecord, sentAt, type OrderRecord } from '../domain/order-record.js';
import { judgeAge } from '../domain/command-age.js';
import { classifySendFailure } from '../domain/send-outcome.js';
import type { KeyedMutex } from './keyed-mutex.js';
import type { OrderRecorder } from './order-recorder.js';
import type { PreTradeGate } from './pre-trade-gate.js';

/** Upbit refused the request before acting on it (429, 418): the command is retried later. */
export class SendRefusedError extends Error {
  override readonly name = 'SendRefusedError';
}

/** What placing orders needs. */
export interface PlaceOrdersDeps {
  readonly orders: OrdersRepository;
  readonly recorder: OrderRecorder;
  readonly upbit: UpbitGateway;
  readonly gate: PreTradeGate;
  /** Per order: the send flow, lookups, syncs and cancels of one order never interleave. */
  readonly mutex: KeyedMutex;
  /** One lane for all entries: at most one is between its gate check and its recorded outcome. */
  readonly entryLane: KeyedMutex;
  readonly alerts: Alerts;
  readonly logger: Logger;
  /** An order became `unknown`: wake the resolver. */
  readonly onUnknown: () => void;
  /** An order became `open`: sync it and refresh balances. */
  readonly onOpen: (orderId: string) => void;
  readonly clock: () => Date;
  /** An entry older than this (from its decision) when it comes to be sent is refused (ADR 0030). */
  readonly maxEntryAgeMs: number;
  /** Access to Upbit: exits that cannot be placed are held (not denied) until it returns. */
  readonly access: ExitHolding;
}

/** Where exits wait while Upbit refuses access (the access monitor). */
export interface ExitHolding {
  blocks(kind: CallKind): boolean;
  held(orderId: string, market: OrderRecord['market']): void;
  released(orderId: string): void;
}

/** The key of the one lane every entry goes through. */
const ENTRY_LANE = 'entries';

/**
 * Executes a PlaceOrder exactly once (ARCHITECTURE §8). The order row is stored first, keyed by
 * `orderId`; a redelivered command resumes from the recorded state and never POSTs twice. When
 * this resolves, the outcome (denied, accepted, rejected, or unknown handed to the resolver) is
 * committed and the command may be acked.
 *
 * Several PlaceOrders may run at once. Entries (bids) spend the shared KRW balance and count
 * against the caps, which the gate reads from Upbit and the orders table: they take the entry
 * lane from the gate check to the recorded outcome, so the next entry is checked against what
 * the previous one left. Exits sell each position's own coins and run side by side.
 */
export class PlaceOrders {
  constructor(private readonly deps: PlaceOrdersDeps) {}

  async place(command: PlaceOrder): Promise<void> {
    const { orderId, identifier } = command.data;
    if (!IdentifierC.is(identifier))
      return this.refuse(command, 'identifier is not 1-64 printable characters');
    if (command.data.leg === 'exit') return this.placeExit(command);
    const stored = await this.deps.orders.insertIfAbsent(
      newOrderRecord(command, this.deps.clock()),
    );
    if (stored === 'identifier-taken')
      return this.refuse(command, 'identifier belongs to another order');
    await this.drive(orderId, command.data.leg);
  }

  /**
   * An exit, under its order's lock: checked on the command itself (an exit's gate reads
   * nothing), then stored already `submitting` — one statement and one commit before the POST,
   * where storing `new`, reading it back and moving it to `submitting` took three round trips
   * and two commits — and sent. The send is on record before the POST, as on every path (a
   * crash after the commit leaves `submitting`: looked up by identifier, never sent twice). A
   * redelivery (the row exists) resumes from the stored state; an exit the gate stops, or one
   * held while access is lost, is stored `new` and takes the usual flow.
   */
  private placeExit(command: PlaceOrder): Promise<void> {
    const { orderId } = command.data;
    return this.deps.mutex.run(orderId, async () => {
      const now = this.deps.clock();
      const order = newOrderRecord(command, now);
      const ready =
        !this.deps.access.blocks('order-write') && (await this.deps.gate.check(order)).pass;
      const sending = sentAt(order, now);
      const stored = await this.deps.orders.insertIfAbsent(ready ? sending : order);
      if (stored === 'identifier-taken')
        return this.refuse(command, 'identifier belongs to another order');
      if (stored === 'exists' || !ready) return this.resume(orderId);
      return this.send(sending);
    });
  }

  /**
   * Carries a stored order on from its recorded state, as a (re)delivered command would: a `new`
   * one is checked and sent (an entry only while young enough), a `submitting` one becomes
   * `unknown`. The sweep of stuck orders calls it for rows no command drives any more.
   */
  drive(orderId: string, leg: 'entry' | 'exit'): Promise<void> {
    return this.deps.mutex.run(orderId, () =>
      leg === 'entry'
        ? this.deps.entryLane.run(ENTRY_LANE, () => this.resume(orderId))
        : this.resume(orderId),
    );
  }

  /**
   * Sends the exits held while access was lost (rows left `new` after their command was acked),
   * one at a time through the usual flow: called when access returns and at start.
   */
  async releaseHeld(): Promise<void> {
    const held = (await this.deps.orders.inStates(['new'])).filter((o) => o.leg === 'exit');
    for (const order of held) {
      await this.drive(order.orderId, 'exit');
      const now = await this.deps.orders.get(order.orderId);
      if (now?.state !== 'new') this.deps.access.released(order.orderId);
    }
  }

  private async resume(orderId: string): Promise<void> {
    const order = await this.deps.orders.get(orderId);
    if (order?.state === 'new') return this.checkAndSend(order);
    if (order?.state !== 'submitting') return; // the outcome is already recorded
    // Stored as sent, no outcome recorded: this process (or an earlier one) stopped mid-send.
    const detail = 'the executor stopped while sending the order: looking it up by identifier';
    if (await this.deps.recorder.unknown(orderId, 'connection-lost', detail)) this.deps.onUnknown();
  }

  private async checkAndSend(order: OrderRecord): Promise<void> {
    const age = judgeAge(order, this.deps.clock(), this.deps.maxEntryAgeMs);
    if (age.expired) return this.expire(order, age.detail);
    const verdict = await this.deps.gate.check(order);
    if (!verdict.pass) {
      await this.deps.recorder.deny(order.orderId, verdict.reason, verdict.detail);
      return;
    }
    if (order.leg === 'exit' && this.deps.access.blocks('order-write'))
      return this.hold(order, 'Upbit access is lost');
    if (!(await this.deps.recorder.submitting(order.orderId))) return;
    return this.send(order);
  }

  /** POSTs an order whose `submitting` is committed, and records what Upbit answered. */
  private async send(order: OrderRecord): Promise<void> {
    let snapshot;
    try {
      snapshot = await this.deps.upbit.place(order);
    } catch (error) {
      return this.sendFailed(order, error);
    }
    await this.deps.recorder.accept(order.orderId, snapshot, 'response');
    this.deps.onOpen(order.orderId);
  }

  private async sendFailed(order: OrderRecord, error: unknown): Promise<void> {
    const { recorder, logger } = this.deps;
    if (isAccessLost(error) || accessRefusalOf(error) !== undefined) {
      // Refused before Upbit acted (401/403), or not sent at all: nothing was placed.
      logger.warn('order not placed: Upbit access is lost', { orderId: order.orderId, error });
      await recorder.backToNew(order.orderId, 'Upbit access lost (401/403)');
      if (order.leg === 'exit') return this.hold(order, 'Upbit refused access');
      const verdict = await this.deps.gate.check(order);
      const [reason, detail] = verdict.pass
        ? (['exchange-access-lost', 'Upbit refused access'] as const)
        : [verdict.reason, verdict.detail];
      await recorder.deny(order.orderId, reason, detail);
      return;
    }
    const failure = classifySendFailure(error);
    logger.warn('order send failed', { orderId: order.orderId, outcome: failure.kind, error });
    if (failure.kind === 'refused') {
      await recorder.backToNew(order.orderId, failure.detail);
      throw new SendRefusedError(failure.detail);
    }
    if (failure.kind === 'rejected') {
      await recorder.reject(order.orderId, failure.name, failure.message, failure.status);
      return;
    }
    if (failure.kind === 'duplicate') {
      const found = await this.deps.upbit
        .lookup({ identifier: order.identifier })
        .catch(() => null);
      if (found) {
        await recorder.accept(order.orderId, found, 'lookup');
        this.deps.onOpen(order.orderId);
        return;
      }
    }
    const [cause, detail] =
      failure.kind === 'unknown'
        ? [failure.cause, failure.detail]
        : ([
            'connection-lost',
            'duplicated_identifier: an earlier send of this identifier reached Upbit',
          ] as const);
    if (await recorder.unknown(order.orderId, cause, detail)) this.deps.onUnknown();
  }

  /** An entry too old to send: `denied` (`order-expired`), nothing reaches Upbit; a warning alert. */
  private async expire(order: OrderRecord, detail: string): Promise<void> {
    if (!(await this.deps.recorder.deny(order.orderId, 'order-expired', detail))) return;
    this.deps.logger.warn('entry refused: too old to send', { orderId: order.orderId, detail });
    await this.deps.alerts.raise({
      severity: 'warning',
      title: `entry ${order.orderId} not sent: too old`,
      body: `${order.market} ${order.side}: ${detail}; the position waits for its entry signal again`,
      dedupKey: `order-expired:${order.orderId}`,
    });
  }

  /** Keeps an exit `new` (its command is acked; the row is the record) until access returns. */
  private hold(order: OrderRecord, why: string): void {
    this.deps.logger.error('exit held: it cannot be placed until Upbit access returns', {
      orderId: order.orderId,
      market: order.market,
      why,
    });
    this.deps.access.held(order.orderId, order.market);
  }

  private async refuse(command: PlaceOrder, why: string): Promise<void> {
    const { orderId, identifier } = command.data;
    this.deps.logger.error('PlaceOrder dropped: it cannot be executed', {
      orderId,
      identifier,
      why,
    });
    await this.deps.alerts.raise({
      severity: 'critical',
      title: `order ${orderId} dropped`,
      body: `PlaceOrder ${command.id}: ${why}`,
      dedupKey: `order-dropped:${orderId}`,
    });
  }
}
