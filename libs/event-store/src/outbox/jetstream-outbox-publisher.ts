import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import type { OutboxMessage } from '../event-store.port.js';
import type { OutboxPublisher } from './outbox-relay.js';

export interface JetStreamOutboxPublisherOptions {
  /** Put before every subject (a bus namespace such as `test_abc.`); default none. */
  readonly subjectPrefix?: string;
  /** How long to wait for the stream's acknowledgement (default 5 s). */
  readonly timeoutMs?: number;
}

/**
 * Publishes outbox messages to JetStream with the row id as `Nats-Msg-Id`, so a second publish
 * of the same row within the stream's duplicate window is acknowledged as a duplicate and not
 * stored twice. Payloads are JSON; the row's headers become NATS headers.
 */
export class JetStreamOutboxPublisher implements OutboxPublisher {
  constructor(
    private readonly js: JetStreamClient,
    private readonly options: JetStreamOutboxPublisherOptions = {},
  ) {}

  /** Resolves with the stream's acknowledgement (`duplicate` is true for a repeat). */
  async publish(message: OutboxMessage): Promise<PubAck> {
    const headers = natsHeaders();
    for (const [name, value] of Object.entries(message.headers)) headers.set(name, value);
    return this.js.publish(
      `${this.options.subjectPrefix ?? ''}${message.subject}`,
      JSON.stringify(message.payload),
      {
        msgID: message.id,
        headers,
        timeout: this.options.timeoutMs ?? 5000,
      },
    );
  }
}
