import type { Route } from '@hoga/contracts';
import { BusError } from '../bus.errors.js';
import type { Bus, DurablePublishAck, Headers } from '../bus.port.js';
import { subjectMatches } from '../in-process/subject-match.js';

/**
 * A stored outbox row as a relay reads it: the publishable subject, the payload its writer
 * encoded with the route's codec, the headers (structurally `@hoga/event-store`'s
 * `OutboxMessage`, so this publisher is an `OutboxPublisher`).
 */
export interface StoredOutboxMessage {
  /** The row id: the dedup id (`Nats-Msg-Id`). */
  readonly id: string;
  readonly subject: string;
  readonly payload: unknown;
  readonly headers: Headers;
}

/**
 * Runs one publish, e.g. in a tracing span (`inSendSpan` of `@hoga/telemetry`): given the row's
 * subject, id and stored headers, it calls `publish` with the headers to send.
 */
export type SendAround = (
  subject: string,
  id: string,
  stored: Headers,
  publish: (headers: Headers) => Promise<DurablePublishAck>,
) => Promise<DurablePublishAck>;

export interface BusOutboxPublisherOptions {
  /** See {@link SendAround}; default: publish with the stored headers. */
  readonly around?: SendAround;
  /** Told of each row JetStream stored for the first time (not a dropped duplicate). */
  readonly onPublished?: (message: StoredOutboxMessage) => void;
}

/** An outbox row's subject fits none of the publisher's routes: it stays pending. */
export class UnroutableOutboxMessageError extends BusError {
  override readonly name = 'UnroutableOutboxMessageError';
}

/**
 * The one outbox publisher (position-actor's `outbox`, order-executor's `order_events`): each
 * row goes to the stream of the route family whose subject pattern matches the row's subject,
 * published as stored — the payload its writer encoded in the append transaction is serialized
 * as it is, never decoded and encoded again — with the row id as `Nats-Msg-Id` (a re-publish
 * after a crash is dropped as a duplicate). No subject is spelled here: the route families come
 * from the registry in `@hoga/contracts`.
 */
export class BusOutboxPublisher {
  readonly #around: SendAround;

  constructor(
    private readonly bus: Bus,
    private readonly routes: readonly Route<unknown>[],
    private readonly options: BusOutboxPublisherOptions = {},
  ) {
    this.#around = options.around ?? ((_s, _i, stored, publish) => publish(stored));
  }

  /** The concrete route of a row's subject (its family made concrete), if one fits. */
  routeOf(subject: string): Route<unknown> | undefined {
    const family = this.routes.find((route) => subjectMatches(route.subject, subject));
    return family === undefined ? undefined : { ...family, subject };
  }

  async publish(message: StoredOutboxMessage): Promise<DurablePublishAck> {
    const route = this.routeOf(message.subject);
    if (route === undefined)
      throw new UnroutableOutboxMessageError(`no outbox route for ${message.subject}`);
    const ack = await this.#around(route.subject, message.id, message.headers, (headers) =>
      this.bus.publishEncodedDurable(route, message.payload, { msgId: message.id, headers }),
    );
    if (!ack.duplicate) this.options.onPublished?.(message);
    return ack;
  }
}
