import type { CancelOrder } from '@hoga/contracts';
import type { CancelOrders } from '../app/cancel-orders.js';

/** `CancelOrder` -> {@link CancelOrders.cancel}: resolves once the cancel request is recorded. */
export const cancelOrderHandler =
  (orders: CancelOrders) =>
  (command: CancelOrder): Promise<void> =>
    orders.cancel(command);
