import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { BusLogger } from '../bus-logger.js';
import { BusTransportError, messageOf } from '../bus.errors.js';
import type { RawDurableMessage, RawSubscription } from '../transport.port.js';
import { fromNatsHeaders } from './nats-headers.js';

/** Messages pulled ahead per consumer; their ack wait runs while they wait in the buffer. */
const PULL_BATCH = 64;
/** Pull requests expire (and are renewed) this often; missed heartbeats are noticed within it. */
const PULL_EXPIRES_MS = 5_000;
const ACK_TIMEOUT_MS = 5_000;

function toRaw(m: JsMsg): RawDurableMessage {
  return {
    subject: m.subject,
    data: m.data,
    headers: fromNatsHeaders(m.headers),
    deliveryCount: m.info.deliveryCount,
    sequence: m.seq,
    // Waits for the server's confirmation: an ack that may be lost is not an ack.
    ack: async () => {
      try {
        await m.ackAck({ timeout: ACK_TIMEOUT_MS });
      } catch (cause) {
        throw new BusTransportError(
          `ack of ${m.subject} #${m.seq} not confirmed: ${messageOf(cause)}`,
          { cause },
        );
      }
    },
    nak: (delayMs) => m.nak(delayMs),
    term: () => m.term(),
  };
}

/** Pulls from a durable consumer and hands each message to `handle`, one at a time. */
export async function consumeDurable(
  js: JetStreamClient,
  stream: string,
  durable: string,
  handle: (message: RawDurableMessage) => Promise<void>,
  logger: BusLogger,
): Promise<RawSubscription> {
  const consumer = await js.consumers.get(stream, durable);
  const messages = await consumer.consume({ max_messages: PULL_BATCH, expires: PULL_EXPIRES_MS });
  let stopped = false;
  const loop = (async () => {
    for await (const m of messages) {
      // After a stop, what is still buffered is left unacked: the server redelivers it.
      if (stopped) break;
      try {
        await handle(toRaw(m));
      } catch (error) {
        logger.warn('bus: durable delivery failed', {
          stream,
          durable,
          sequence: m.seq,
          error: messageOf(error),
        });
      }
    }
  })().catch((error: unknown) =>
    logger.warn('bus: durable consumer stopped', { stream, durable, error: messageOf(error) }),
  );
  return {
    unsubscribe: async () => {
      stopped = true;
      await messages.close();
      await loop;
    },
  };
}
