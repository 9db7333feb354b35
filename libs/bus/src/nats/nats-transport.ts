import {
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
  type PubAck,
} from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { errors, type Msg, type NatsConnection } from '@nats-io/transport-node';
import type { BusLogger } from '../bus-logger.js';
import {
  BusNoRespondersError,
  BusTimeoutError,
  BusTransportError,
  messageOf,
} from '../bus.errors.js';
import type { DurablePublishAck, Headers } from '../bus.port.js';
import type { WireStream } from '../namespace.js';
import {
  bytesOf,
  type Payload,
  type RawDurableMessage,
  type RawKv,
  type RawMessage,
  type RawRequest,
  type RawStoredMessage,
  type RawStreamState,
  type RawSubscription,
  type Transport,
  type WireConsumer,
} from '../transport.port.js';
import { consumeDurable } from './nats-consumer.js';
import { fromNatsHeaders, toNatsHeaders } from './nats-headers.js';
import { NatsKv } from './nats-kv.js';
import { apiFailure, ensureConsumer, ensureStream } from './nats-streams.js';

/** JetStream's "no message found" (a sequence discarded by the stream's limits). */
const NO_MESSAGE_FOUND = 10037;

/** True when nobody answered a JetStream publish: the stream is gone (deleted behind our back). */
const noStreamAnswered = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'JetStreamNotEnabled' ||
    (error.cause instanceof errors.RequestError && error.cause.isNoResponders()) ||
    error instanceof errors.NoRespondersError);

function transportFailure(what: string, error: unknown): BusTransportError {
  return new BusTransportError(`${what}: ${messageOf(error)}`, { cause: error });
}

/** The transport over one NATS connection: core NATS, JetStream and KV. */
export class NatsTransport implements Transport {
  readonly #js: JetStreamClient;
  readonly #kvm: Kvm;
  /** Streams this connection has created or checked, by configuration. */
  readonly #ensured = new Map<string, Promise<void>>();
  /** Buckets this connection has opened, by name and history. */
  readonly #buckets = new Map<string, Promise<RawKv>>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly logger: BusLogger,
  ) {
    this.#js = jetstream(nc);
    this.#kvm = new Kvm(this.#js);
  }

  static async open(nc: NatsConnection, logger: BusLogger): Promise<NatsTransport> {
    try {
      return new NatsTransport(nc, await jetstreamManager(nc), logger);
    } catch (error) {
      throw transportFailure('JetStream is not available', error);
    }
  }

  async publish(subject: string, data: Payload, headers: Headers): Promise<void> {
    try {
      this.nc.publish(subject, bytesOf(data), { headers: toNatsHeaders(headers) });
    } catch (error) {
      throw transportFailure(`publishing on ${subject}`, error);
    }
  }

  async subscribe(
    subject: string,
    queue: string | undefined,
    onMessage: (message: RawRequest) => void,
  ): Promise<RawSubscription> {
    const sub = this.nc.subscribe(subject, {
      ...(queue !== undefined ? { queue } : {}),
      callback: (error, msg) => {
        if (error)
          this.logger.warn('bus: subscription error', { subject, error: messageOf(error) });
        else onMessage(this.#toRequest(msg));
      },
    });
    // Resolve only once the server has the interest, so a publish that follows is delivered.
    await this.nc.flush();
    return { unsubscribe: async () => void (this.nc.isClosed() || sub.unsubscribe()) };
  }

  async request(
    subject: string,
    data: Uint8Array,
    headers: Headers,
    timeoutMs: number,
  ): Promise<RawMessage> {
    try {
      const m = await this.nc.request(subject, data, {
        timeout: timeoutMs,
        headers: toNatsHeaders(headers),
      });
      return { subject: m.subject, data: m.data, headers: fromNatsHeaders(m.headers) };
    } catch (error) {
      if (error instanceof errors.TimeoutError)
        throw new BusTimeoutError(subject, timeoutMs, { cause: error });
      if (
        error instanceof errors.NoRespondersError ||
        (error instanceof errors.RequestError && error.isNoResponders())
      ) {
        throw new BusNoRespondersError(subject, { cause: error });
      }
      throw transportFailure(`request on ${subject}`, error);
    }
  }

  ensureStream(stream: WireStream): Promise<void> {
    const key = JSON.stringify(stream);
    let ensured = this.#ensured.get(key);
    if (ensured === undefined) {
      ensured = ensureStream(this.jsm, stream);
      this.#ensured.set(key, ensured);
      ensured.catch(() => this.#ensured.delete(key));
    }
    return ensured;
  }

  async publishDurable(
    stream: WireStream,
    subject: string,
    data: Uint8Array,
    headers: Headers,
    msgId: string,
  ): Promise<DurablePublishAck> {
    await this.ensureStream(stream);
    const send = (): Promise<PubAck> =>
      this.#js.publish(subject, data, {
        msgID: msgId,
        headers: toNatsHeaders(headers),
        expect: { streamName: stream.name },
      });
    try {
      return toAck(await send());
    } catch (error) {
      if (!noStreamAnswered(error)) throw apiFailure(`publishing on ${subject}`, error);
    }
    this.#ensured.delete(JSON.stringify(stream));
    await this.ensureStream(stream);
    try {
      return toAck(await send());
    } catch (error) {
      throw apiFailure(`publishing on ${subject}`, error);
    }
  }

  async consume(
    stream: WireStream,
    consumer: WireConsumer,
    handle: (message: RawDurableMessage) => Promise<void>,
    maxInFlight: number,
  ): Promise<RawSubscription> {
    await this.ensureStream(stream);
    await ensureConsumer(this.jsm, stream.name, consumer);
    try {
      return await consumeDurable(this.#js, {
        stream: stream.name,
        durable: consumer.durable,
        maxInFlight,
        handle,
        logger: this.logger,
      });
    } catch (error) {
      throw transportFailure(`consuming ${stream.name}/${consumer.durable}`, error);
    }
  }

  kv(bucket: string, history: number): Promise<RawKv> {
    const key = `${bucket}/${history}`;
    let opened = this.#buckets.get(key);
    if (opened === undefined) {
      opened = this.#openBucket(bucket, history);
      this.#buckets.set(key, opened);
      opened.catch(() => this.#buckets.delete(key));
    }
    return opened;
  }

  async #openBucket(bucket: string, history: number): Promise<RawKv> {
    try {
      const kv = await this.#kvm.create(bucket, { history });
      // An existing bucket opens as it is: bring its history to what the route declares.
      if ((await kv.status()).history !== history) {
        await this.jsm.streams.update(`KV_${bucket}`, { max_msgs_per_subject: history });
      }
      return new NatsKv(bucket, kv, this.logger);
    } catch (error) {
      throw apiFailure(`opening bucket ${bucket}`, error);
    }
  }

  async streamState(stream: WireStream): Promise<RawStreamState> {
    await this.ensureStream(stream);
    try {
      const { state } = await this.jsm.streams.info(stream.name);
      return {
        messages: state.messages,
        bytes: state.bytes,
        firstSequence: state.first_seq,
        lastSequence: state.last_seq,
      };
    } catch (error) {
      throw apiFailure(`reading stream ${stream.name}`, error);
    }
  }

  async storedMessage(stream: WireStream, sequence: number): Promise<RawStoredMessage | undefined> {
    try {
      const m = await this.jsm.streams.getMessage(stream.name, { seq: sequence });
      if (m === null) return undefined;
      return {
        subject: m.subject,
        data: m.data,
        headers: fromNatsHeaders(m.header),
        sequence: m.seq,
        storedAt: m.time.toISOString(),
      };
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === NO_MESSAGE_FOUND) return undefined;
      throw apiFailure(`reading message ${sequence} of ${stream.name}`, error);
    }
  }

  async close(): Promise<void> {
    if (this.nc.isClosed()) return;
    try {
      await this.nc.drain();
    } catch (error) {
      if (!this.nc.isClosed()) throw transportFailure('draining the connection', error);
    }
  }

  #toRequest(msg: Msg): RawRequest {
    const message = { subject: msg.subject, data: msg.data, headers: fromNatsHeaders(msg.headers) };
    if (!msg.reply) return message;
    return {
      ...message,
      respond: (data: Uint8Array, headers: Headers) => {
        if (!msg.respond(data, { headers: toNatsHeaders(headers) }))
          this.logger.warn('bus: reply not sent', { subject: msg.subject });
      },
    };
  }
}

const toAck = (ack: PubAck): DurablePublishAck => ({ sequence: ack.seq, duplicate: ack.duplicate });
