import type { DurableDelivery } from '@hoga/bus';
import type { CancelOrder, OrderCommand, PlaceOrder } from '@hoga/contracts';

/** The handlers of the commands on `hoga.order.cmd`. */
export interface OrderCommandHandlers {
  readonly place: (command: PlaceOrder) => Promise<void>;
  readonly cancel: (command: CancelOrder) => Promise<void>;
}

/**
 * Consumes `hoga.order.cmd` (JetStream work queue): runs the command's handler, then acks. The
 * ack comes only after the outcome is committed; a handler that throws leaves the message
 * unacked, so it is redelivered and resumes from the recorded state (idempotent by order id).
 */
export const orderCommandHandler =
  (handlers: OrderCommandHandlers) =>
  async (delivery: DurableDelivery<OrderCommand>): Promise<void> => {
    const command = delivery.data;
    if (command.type === 'PlaceOrder') await handlers.place(command);
    else await handlers.cancel(command);
    await delivery.ack();
  };
