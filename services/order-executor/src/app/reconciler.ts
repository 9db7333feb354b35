import type { Logger } from '@hoga/telemetry';
import type { Alerts } from '../adapters/bus/alerts.js';
import type { OrdersRepository } from '../adapters/db/orders.repository.js';
import type { UpbitGateway } from '../adapters/upbit/upbit-gateway.js';
import { pause } from './background.js';
import type { KeyedMutex } from './keyed-mutex.js';
import type { OrderRecorder } from './order-recorder.js';
import type { OrderResolver } from './order-resolver.js';
import type { OrderSync } from './order-sync.js';

/** What start-up reconciliation needs. */
export interface ReconcilerDeps {
  readonly orders: OrdersRepository;
  readonly recorder: OrderRecorder;
  readonly upbit: UpbitGateway;
  readonly resolver: OrderResolver;
  readonly sync: OrderSync;
  readonly mutex: KeyedMutex;
  readonly alerts: Alerts;
  readonly logger: Logger;
}

/**
 * Start-up reconciliation, before any command is taken (ARCHITECTURE §8.5, fail-closed): every
 * order stored as sent (`submitting`) becomes `unknown`; every `unknown` order is looked up by
 * identifier; every `open` order is synced (missed fills recorded, completions). Orders the
 * executor does not know are the account watch's (its first pass follows, ADR 0026). A failure
 * starts the pass over after a pause, until it succeeds or the executor stops; `unknown` orders whose absence is not
 * certain yet stay `unknown` (visible) and the resolver carries on with them.
 */
export class Reconciler {
  constructor(private readonly deps: ReconcilerDeps) {}

  /** Resolves true once reconciled, false when stopped first. */
  async reconcile(stop: AbortSignal): Promise<boolean> {
    for (let attempt = 0; !stop.aborted; attempt++) {
      try {
        await this.pass();
        return true;
      } catch (error) {
        this.deps.logger.warn('reconciliation failed: trying again before taking commands', {
          attempt,
          error,
        });
        await pause(Math.min(250 * 2 ** attempt, 10_000), stop);
      }
    }
    return false;
  }

  private async pass(): Promise<void> {
    const { orders, recorder, resolver, sync, mutex } = this.deps;
    const live = await orders.inStates(['submitting', 'unknown', 'open']);
    for (const order of live) {
      await mutex.run(order.orderId, async () => {
        const detail = 'the executor stopped while sending the order: looking it up by identifier';
        if (order.state === 'submitting')
          await recorder.unknown(order.orderId, 'connection-lost', detail);
        await resolver.resolveNow(order.orderId);
        await sync.syncNow(order.orderId);
      });
    }
    this.deps.logger.info('reconciled with Upbit', { orders: live.length });
  }
}
