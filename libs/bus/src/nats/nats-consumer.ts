import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { BusLogger } from '../bus-logger.js';
import { BusTransportError, messageOf } from '../bus.errors.js';
import type { RawDurableMessage, RawSubscription } from '../transport.port.js';
import { fromNatsHeaders } from './nats-headers.js';

/**
 * Messages pulled ahead per consumer (at least `maxInFlight`, so that many can be handled at
 * once). Their ack wait runs while they wait in the buffer: a buffered message waits about
 * `PULL_BATCH / maxInFlight` handler durations, which the consumer's ack wait must outlast.
 */
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

/** What {@link consumeDurable} needs. */
export interface DurableConsumerSpec {
  readonly stream: string;
  readonly durable: string;
  /** Calls of `handle` that may run at once (1: one at a time, in order). */
  readonly maxInFlight: number;
  readonly handle: (message: RawDurableMessage) => Promise<void>;
  readonly logger: BusLogger;
}

/**
 * Pulls from a durable consumer and hands each message to `handle`, up to `maxInFlight` at once,
 * started in delivery order. Each message is settled by its own handler; `unsubscribe` stops
 * pulling and waits for every call in flight.
 */
export async function consumeDurable(
  js: JetStreamClient,
  spec: DurableConsumerSpec,
): Promise<RawSubscription> {
  const { stream, durable, maxInFlight, handle, logger } = spec;
  const consumer = await js.consumers.get(stream, durable);
  const messages = await consumer.consume({
    max_messages: Math.max(PULL_BATCH, maxInFlight),
    expires: PULL_EXPIRES_MS,
  });
  const inFlight = new Set<Promise<void>>();
  // Starts at once (in delivery order); anything thrown becomes a rejection, logged below.
  const start = async (m: JsMsg): Promise<void> => handle(toRaw(m));
  const run = (m: JsMsg): void => {
    const call: Promise<void> = start(m)
      .catch((error: unknown) =>
        logger.warn('bus: durable delivery failed', {
          stream,
          durable,
          sequence: m.seq,
          error: messageOf(error),
        }),
      )
      .finally(() => inFlight.delete(call));
    inFlight.add(call);
  };
  let stopped = false;
  const loop = (async () => {
    for await (const m of messages) {
      // Wait for a free slot; after a stop, what is still buffered (this message included) is
      // left unacked: the server redelivers it after the ack wait.
      while (!stopped && inFlight.size >= maxInFlight) await Promise.race(inFlight);
      if (stopped) break;
      run(m);
    }
  })().catch((error: unknown) =>
    logger.warn('bus: durable consumer stopped', { stream, durable, error: messageOf(error) }),
  );
  return {
    unsubscribe: async () => {
      stopped = true;
      await messages.close();
      await loop;
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
