import * as E from 'fp-ts/lib/Either.js';
import { BusOutboxPublisher, type Bus, type StoredOutboxMessage } from '@hoga/bus';
import { OrderEvent, subjects, type Route } from '@hoga/contracts';
import { decodeWith } from '@hoga/model';
import { inSendSpan } from '@hoga/telemetry';

/** The route family of `order_events` rows: `hoga.order.evt.<partition>.<positionId>`. */
const ORDER_EVENT_ROUTES: readonly Route<unknown>[] = [
  subjects.orderEvt('*', '*') as Route<unknown>,
];

/** Is the stored payload a fill (read as stored, before anything decodes it)? */
const isFill = (payload: unknown): boolean =>
  typeof payload === 'object' &&
  payload !== null &&
  (payload as { type?: unknown }).type === 'OrderFilled';

/**
 * order-executor's outbox publisher: `@hoga/bus`'s one outbox publisher over `order_events`
 * rows, each published as stored on its row's `hoga.order.evt.<partition>.<positionId>` subject
 * with the row id (the deterministic event id) as `Nats-Msg-Id`, in a `send` span continuing the
 * row's trace.
 * `onPublished` hears each event JetStream stored for the first time (the fill metrics): only a
 * fill is decoded for it, after the publish.
 */
export function orderEventPublisher(
  bus: Bus,
  onPublished?: (event: OrderEvent) => void,
): BusOutboxPublisher {
  const published =
    onPublished === undefined
      ? undefined
      : (message: StoredOutboxMessage) => {
          if (!isFill(message.payload)) return;
          const decoded = decodeWith(OrderEvent, message.payload);
          if (E.isRight(decoded)) onPublished(decoded.right);
        };
  return new BusOutboxPublisher(bus, ORDER_EVENT_ROUTES, {
    around: inSendSpan,
    ...(published === undefined ? {} : { onPublished: published }),
  });
}
