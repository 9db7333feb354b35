import { BusOutboxPublisher, type Bus } from '@hoga/bus';
import { subjects, type Route } from '@hoga/contracts';
import { inSendSpan } from '@hoga/telemetry';

/** The JetStream routes this service writes through its outbox (wildcard families). */
const OUTBOX_ROUTES: readonly Route<unknown>[] = [
  subjects.orderCmd() as Route<unknown>,
  subjects.positionEvt('*') as Route<unknown>,
];

/**
 * position-actor's outbox publisher: `@hoga/bus`'s one outbox publisher over the routes its
 * outbox rows are written for (`hoga.order.cmd`, `hoga.position.evt.<id>`), each row published
 * as stored in a `send <subject>` span continuing the trace the row carries (ADR 0057).
 */
export const outboxPublisher = (bus: Bus): BusOutboxPublisher =>
  new BusOutboxPublisher(bus, OUTBOX_ROUTES, { around: inSendSpan });
