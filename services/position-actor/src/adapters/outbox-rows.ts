import { subjects, type OrderCommand, type PositionEvent } from '@hoga/contracts';
import type { NewOutboxMessage } from '@hoga/event-store';
import type { OrderId, PositionId } from '@hoga/model';
import { findOrder, type PositionSnapshot } from '@hoga/position';

/**
 * A command row: every position's commands share `hoga.order.cmd`, so their ordering key is the
 * position (a cancel never passes its order; other positions' commands need not wait for it).
 */
const commandRow = (
  command: OrderCommand,
  msgId: string,
  positionId: PositionId,
): NewOutboxMessage => {
  const route = subjects.orderCmd();
  return {
    id: msgId,
    subject: route.subject,
    payload: route.codec.encode(command),
    orderingKey: positionId,
  };
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
      return commandRow(
        { ...provenance(event, id, positionId), type: 'PlaceOrder', data },
        id,
        positionId,
      );
    }
    case 'EntryOrderCancelRequested':
    case 'ExitOrderCancelRequested': {
      const orderId: OrderId = event.data.orderId;
      const track = findOrder(after.context.orders, orderId);
      if (track === undefined) throw new Error(`cancel of unknown order ${orderId}`);
      const id = `${orderId}-cancel`;
      const data = { positionId, orderId, identifier: track.request.identifier };
      return commandRow(
        { ...provenance(event, id, positionId), type: 'CancelOrder', data },
        id,
        positionId,
      );
    }
    default:
      return undefined;
  }
}

/**
 * The outbox rows of one append: the commands of its order requests and cancels on the
 * `hoga.order.cmd` work queue (message id = order id for `PlaceOrder`, `<order id>-cancel` for
 * `CancelOrder`), then every event on `hoga.position.evt.<id>` (message id = event id), each
 * subject's rows in the events' order. The commands go first: they are what the append is for.
 * The relay keeps the order of rows of one ordering key (a command's is its position, an event's
 * its subject) and lets other keys pass (ADR 0068), so an exit's order waits neither for the
 * notifications of the events that asked for it nor for other positions' rows. The two subjects
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
