import type { PlaceOrder } from '@hoga/contracts';
import type { PlaceOrders } from '../app/place-orders.js';

/**
 * `PlaceOrder` -> {@link PlaceOrders.place}. Resolves once the outcome is committed (the caller
 * acks then); throws when it could not be recorded (the command is redelivered and resumes).
 */
export const placeOrderHandler =
  (orders: PlaceOrders) =>
  (command: PlaceOrder): Promise<void> =>
    orders.place(command);
