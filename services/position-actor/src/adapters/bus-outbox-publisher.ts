import * as E from 'fp-ts/lib/Either.js';
import type { Bus } from '@hoga/bus';
import { subjectMatches } from '@hoga/bus';
import { subjects, type Route } from '@hoga/contracts';
import type { OutboxMessage, OutboxPublisher } from '@hoga/event-store';
import { decodeWith } from '@hoga/model';
import { inSendSpan } from '@hoga/telemetry';

/** The JetStream routes this service writes through its outbox (wildcard families). */
const OUTBOX_ROUTES: readonly Route<unknown>[] = [
  subjects.orderCmd() as Route<unknown>,
  subjects.positionEvt('*') as Route<unknown>,
];

/** An outbox row's subject or payload does not fit any known route: it stays pending. */
export class UnroutableOutboxMessageError extends Error {
  override readonly name = 'UnroutableOutboxMessageError';
}

/**
 * The concrete route of an outbox row: the route family whose subject pattern matches the
 * row's subject, made concrete with it. No subject is spelled here: the patterns come from
 * the registry in `@hoga/contracts`.
 */
export function routeOfOutboxSubject(subject: string): Route<unknown> | undefined {
  const family = OUTBOX_ROUTES.find((route) => subjectMatches(route.subject, subject));
  return family === undefined ? undefined : { ...family, subject };
}

/**
 * The outbox relay's publisher over the `Bus`: decodes the stored payload with the route's
 * codec and publishes it durably with the row id as the dedup message id (`Nats-Msg-Id`).
 */
export class BusOutboxPublisher implements OutboxPublisher {
  constructor(private readonly bus: Bus) {}

  async publish(message: OutboxMessage): Promise<unknown> {
    const route = routeOfOutboxSubject(message.subject);
    if (route === undefined)
      throw new UnroutableOutboxMessageError(`no outbox route for ${message.subject}`);
    const decoded = decodeWith(route.codec, message.payload);
    if (E.isLeft(decoded))
      throw new UnroutableOutboxMessageError(
        `outbox row ${message.id} does not decode: ${decoded.left.message}`,
      );
    const value = decoded.right;
    return inSendSpan(route.subject, message.id, message.headers, (headers) =>
      this.bus.publishDurable(route, value, { msgId: message.id, headers }),
    );
  }
}
