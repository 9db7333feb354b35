import type { DurablePublishAck, Headers } from './bus.port.js';
import type { WireStream } from './namespace.js';

/**
 * The untyped transport under the bus: bytes, wire subjects (already namespaced) and headers.
 * The typed layer (`typed-bus.ts`) puts codecs, dead letters and error replies on top, once for
 * both implementations, so NATS and in-process differ only in how bytes move.
 */
export interface Transport {
  /**
   * `local` is the typed value the bytes decode to with its codec: a transport that hands
   * messages over in the same process passes it along (see {@link RawMessage.local}); one that
   * crosses a process boundary ignores it. The bytes may come as a function that makes them
   * ({@link Payload}): in process, made only when something reads them.
   */
  publish(subject: string, data: Payload, headers: Headers, local?: LocalValue): Promise<void>;
  /**
   * Registers interest; resolves once the server knows it (a message published afterwards is
   * delivered). `onMessage` is called in arrival order (in process: inside `publish`) and must
   * only queue the message, never run a handler.
   */
  subscribe(
    subject: string,
    queue: string | undefined,
    onMessage: (message: RawRequest) => void,
  ): Promise<RawSubscription>;
  /** Rejects with `BusTimeoutError` or `BusNoRespondersError`. */
  request(
    subject: string,
    data: Uint8Array,
    headers: Headers,
    timeoutMs: number,
  ): Promise<RawMessage>;
  /** Creates the stream, or updates it to this configuration; idempotent. */
  ensureStream(stream: WireStream): Promise<void>;
  publishDurable(
    stream: WireStream,
    subject: string,
    data: Uint8Array,
    headers: Headers,
    msgId: string,
  ): Promise<DurablePublishAck>;
  /**
   * Creates or updates the durable consumer and hands its messages to `handle`, at most
   * `maxInFlight` at once (1: one at a time, the next message waits until the returned promise
   * settles). Calls start in delivery order; `handle` never rejects (the typed layer catches).
   * The subscription's `unsubscribe` waits for every call in flight.
   */
  consume(
    stream: WireStream,
    consumer: WireConsumer,
    handle: (message: RawDurableMessage) => Promise<void>,
    maxInFlight: number,
  ): Promise<RawSubscription>;
  kv(bucket: string, history: number): Promise<RawKv>;
  /** What the stream holds now (it must exist: see `ensureStream`). */
  streamState(stream: WireStream): Promise<RawStreamState>;
  /** The message kept at `sequence`, or undefined when there is none (discarded, expired). */
  storedMessage(stream: WireStream, sequence: number): Promise<RawStoredMessage | undefined>;
  close(): Promise<void>;
}

/** Counts, bytes and sequence range of a stream. */
export interface RawStreamState {
  readonly messages: number;
  readonly bytes: number;
  readonly firstSequence: number;
  readonly lastSequence: number;
}

/** A message read back from a stream by sequence. */
export interface RawStoredMessage extends RawMessage {
  readonly sequence: number;
  /** When the stream stored it (ISO 8601). */
  readonly storedAt: string;
}

export interface RawMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: Headers;
  /** In process only: what `data` decodes to with `local.codec` (shared: never mutate it). */
  readonly local?: LocalValue;
}

/**
 * A message's bytes, or a function that makes them (fresh bytes; a transport calls it at most
 * once, however many receivers read them). In process
 * a receiver that takes the sender's decoded value ({@link LocalValue}) never needs the bytes, so
 * the sender's JSON text is made only when a stream stores the message or a receiver reads
 * `data`; a transport that sends them anywhere makes them at once.
 */
export type Payload = Uint8Array | (() => Uint8Array);

/** The bytes of a payload. */
export const bytesOf = (payload: Payload): Uint8Array =>
  typeof payload === 'function' ? payload() : payload;

/** A decoded message and the codec that produced it (compared by identity). */
export interface LocalValue {
  readonly codec: unknown;
  readonly value: unknown;
}

export interface RawRequest extends RawMessage {
  /** Present when the sender waits for a reply. */
  readonly respond?: (data: Uint8Array, headers: Headers) => void;
}

export interface RawDurableMessage extends RawMessage {
  readonly deliveryCount: number;
  readonly sequence: number;
  ack(): Promise<void>;
  nak(delayMs: number): void;
  /** Stops redelivery for good. */
  term(): void;
}

export interface RawSubscription {
  /** Stops delivery; for a consumer, also waits for every message being handled. */
  unsubscribe(): Promise<void>;
}

/** A durable consumer as configured on the server. */
export interface WireConsumer {
  readonly durable: string;
  readonly filterSubject: string;
  readonly ackWaitMs: number;
  /** The server-side limit (the typed layer asks for one more than the route's, see `durable-delivery.ts`). */
  readonly maxDeliver: number;
}

export type RawKvEvent =
  | {
      readonly key: string;
      readonly revision: number;
      readonly data: Uint8Array;
      readonly deleted: false;
    }
  | { readonly key: string; readonly revision: number; readonly deleted: true };

export interface RawKv {
  put(key: string, data: Uint8Array): Promise<number>;
  get(key: string): Promise<{ readonly data: Uint8Array; readonly revision: number } | undefined>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /** Current values (no deletes), then every change; `onEvent` is called in order and must not block. */
  watch(onEvent: (event: RawKvEvent) => void): Promise<RawSubscription>;
}
