import { subjects, type OrderCommand, type PositionEvent } from '@hoga/contracts';
import type { NewOutboxMessage } from '@hoga/event-store';
import type { OrderId, PositionId } from '@hoga/model';
import { findOrder, type PositionSnapshot } from '@hoga/position';

const commandRow = (command: OrderCommand, msgId: string): NewOutboxMessage => {
  const route = subjects.orderCmd();
  return { id: msgId, subject: route.subject, payload: route.codec.encode(command) };
};

/** The envelope fields of a command caused by a stored event. */
const provenance = (event: PositionEvent, id: string, positionId: PositionId) => ({
  id,
  occurredAt: event.occurredAt,
  causationId: event.id,
  correlationId: positionId,
});

/** The order command an event asks for, if any (`PlaceOrder` id = order id). */
function orderCommandRow(
  event: PositionEvent,
  positionId: PositionId,
  after: PositionSnapshot,
): NewOutboxMessage | undefined {
  switch (event.type) {
    case 'EntryOrderRequested':
    case 'ExitOrderRequested': {
      const id = event.data.orderId;
      const data = { positionId, ...event.data };
      return commandRow({ ...provenance(event, id, positionId), type: 'PlaceOrder', data }, id);
    }
    case 'EntryOrderCancelRequested':
    case 'ExitOrderCancelRequested': {
      const orderId: OrderId = event.data.orderId;
      const track = findOrder(after.context.orders, orderId);
      if (track === undefined) throw new Error(`cancel of unknown order ${orderId}`);
      const id = `${orderId}-cancel`;
      const data = { positionId, orderId, identifier: track.request.identifier };
      return commandRow({ ...provenance(event, id, positionId), type: 'CancelOrder', data }, id);
    }
    default:
      return undefined;
  }
}

/**
 * The outbox rows of one append: the commands of its order requests and cancels on the
 * `hoga.order.cmd` work queue (message id = order id for `PlaceOrder`, `<order id>-cancel` for
 * `CancelOrder`), then every event on `hoga.position.evt.<id>` (message id = event id), each
 * subject's rows in the events' order. The commands go first: they are what the append is for,
 * and the relay publishes rows one after another (over NATS each waits for its ack), so an exit's
 * order no longer waits for the notifications of the events that asked for it. The two subjects
 * are different streams: no consumer sees an order between them.
 * `after` is the snapshot once the events are applied (it knows every order's identifier).
 */
export function outboxRowsFor(
  positionId: PositionId,
  events: readonly PositionEvent[],
  after: PositionSnapshot,
): NewOutboxMessage[] {
  const evtRoute = subjects.positionEvt(positionId);
  const commands: NewOutboxMessage[] = [];
  const notifications: NewOutboxMessage[] = [];
  for (const event of events) {
    const command = orderCommandRow(event, positionId, after);
    if (command !== undefined) commands.push(command);
    notifications.push({
      id: event.id,
      subject: evtRoute.subject,
      payload: evtRoute.codec.encode(event),
    });
  }
  return commands.length === 0 ? notifications : [...commands, ...notifications];
}
