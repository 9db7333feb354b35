import { messageOf, type DurableDelivery } from '@hoga/bus';
import type { CancelOrder, OrderCommand, PlaceOrder } from '@hoga/contracts';
import { inProcessSpan } from '@hoga/telemetry';
import type { KeyedMutex } from '../app/keyed-mutex.js';

/**
 * What runs the commands on `hoga.order.cmd` (the executor passes `PlaceOrders.place` and
 * `CancelOrders.cancel` straight in): each resolves once the outcome is committed (the handler
 * acks then) and throws when it could not be recorded (the command is redelivered and resumes).
 */
export interface OrderCommandHandlers {
  readonly place: (command: PlaceOrder) => Promise<void>;
  readonly cancel: (command: CancelOrder) => Promise<void>;
}

/**
 * Told when a command failed on its last allowed delivery: the bus dead-letters it next, and
 * nothing will run it again (ADR 0030: the operator must hear of it, the position may be stuck).
 */
export type CommandGivenUp = (command: OrderCommand, error: string) => Promise<void>;

/**
 * Consumes `hoga.order.cmd` (JetStream work queue): runs the command's handler, then acks. The
 * ack comes only after the outcome is committed; a handler that throws leaves the message
 * unacked, so it is redelivered and resumes from the recorded state (idempotent by order id).
 *
 * The bus may run several deliveries at once (`maxInFlight`), started in stream order. Commands
 * of one order are queued on `perOrder` as they start, so they still run in stream order (a
 * CancelOrder never overtakes the PlaceOrder before it); commands of different orders overlap.
 */
export const orderCommandHandler =
  (
    handlers: OrderCommandHandlers,
    perOrder: KeyedMutex,
    lastDelivery?: { readonly maxDeliver: number; readonly givenUp: CommandGivenUp },
  ) =>
  async (delivery: DurableDelivery<OrderCommand>): Promise<void> => {
    const command = delivery.data;
    try {
      // Continues the decision's trace (the relay's `send` span); ADR 0057.
      await inProcessSpan(delivery.subject, command.id, delivery.headers, () =>
        perOrder.run(command.data.orderId, () =>
          command.type === 'PlaceOrder' ? handlers.place(command) : handlers.cancel(command),
        ),
      );
    } catch (error) {
      if (lastDelivery !== undefined && delivery.deliveryCount >= lastDelivery.maxDeliver)
        await lastDelivery.givenUp(command, messageOf(error));
      throw error;
    }
    await delivery.ack();
  };
