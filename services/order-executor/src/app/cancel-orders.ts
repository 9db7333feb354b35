import type { CancelOrder } from '@hoga/contracts';
import type { Logger } from '@hoga/telemetry';
import type { OrdersRepository } from '../adapters/db/orders.repository.js';
import type { KeyedMutex } from './keyed-mutex.js';
import type { CancelRecorder } from './cancel-recorder.js';
import type { OrderSync } from './order-sync.js';

/**
 * Executes a CancelOrder. An order not sent yet is cancelled outright (`OrderCancelled` without
 * an exchange order). A live order gets its cancel request recorded, then the DELETE (now for an
 * `open` order, once adopted for an `unknown` one); `OrderCancelled` follows when Upbit reports
 * the order `cancel`, then `OrderCompleted` with whatever filled before. A finished order is
 * left as it is.
 */
export class CancelOrders {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly cancels: CancelRecorder,
    private readonly sync: OrderSync,
    private readonly mutex: KeyedMutex,
    private readonly logger: Logger,
  ) {}

  async cancel(command: CancelOrder): Promise<void> {
    const { orderId, identifier } = command.data;
    const order = await this.orders.get(orderId);
    if (order === undefined || order.identifier !== identifier) {
      this.logger.warn('CancelOrder for an order the executor does not have', {
        orderId,
        identifier,
      });
      return;
    }
    await this.mutex.run(orderId, async () => {
      if (await this.cancels.cancelUnsent(orderId)) return;
      if (!(await this.cancels.cancelRequested(orderId))) return;
      await this.sync
        .syncNow(orderId)
        .catch((error: unknown) =>
          this.logger.warn('cancel not sent yet: the order sync will retry', { orderId, error }),
        );
    });
  }
}
