import type { KvRoute, MessageCodec, Route, RpcRoute, StreamSpec } from '@hoga/contracts';

/** Message headers: W3C trace context (`traceparent`, `tracestate`) and friends. */
export type Headers = Readonly<Record<string, string>>;

/** Something that can be stopped. */
export interface Subscription {
  /** Stops delivery; resolves once in-flight handlers have finished. */
  unsubscribe(): Promise<void>;
}

/** A decoded message as delivered to a handler. */
export interface Delivery<A> {
  /** The concrete subject (without the bus namespace). */
  readonly subject: string;
  readonly data: A;
  readonly headers: Headers;
}

/** A message from a durable consumer: it must be acked, or it is delivered again. */
export interface DurableDelivery<A> extends Delivery<A> {
  /** 1 on first delivery, then 2, 3 ... */
  readonly deliveryCount: number;
  /** The stream sequence of the message. */
  readonly sequence: number;
  /** Acknowledges the message; resolves once the server has recorded the ack. */
  ack(): Promise<void>;
  /** Asks for redelivery, after `delayMs` when given. */
  nak(delayMs?: number): void;
}

export interface PublishOptions {
  /** Headers carried end to end (`traceparent`, `tracestate` ...); values are trimmed. */
  readonly headers?: Headers;
}

export interface DurablePublishOptions extends PublishOptions {
  /** Deduplication id (`Nats-Msg-Id`): a repeat within the stream's window is dropped. */
  readonly msgId: string;
}

export interface DurablePublishAck {
  /** The stream sequence of the message (of the original one for a duplicate). */
  readonly sequence: number;
  /** True when the message id was seen before and this publish was dropped. */
  readonly duplicate: boolean;
}

export interface ConsumerOptions {
  /** Durable consumer name: consumers with the same name share (work-queue) the messages. */
  readonly durable: string;
  /** Unacked messages are delivered again after this long. */
  readonly ackWaitMs: number;
  /** After this many deliveries without an ack the message goes to the dead-letter subject. */
  readonly maxDeliver: number;
  /** Subject filter inside the stream (defaults to the route's subject). */
  readonly filterSubject?: string;
  /**
   * Handler calls of this consumer that may run at once (a positive integer; default 1: one at a
   * time, strictly in order). Above 1, handlers start in delivery order but finish in any order;
   * each message is acked, nak'd or redelivered on its own, and `unsubscribe` waits for every
   * handler in flight. Anything else is refused with `BusUsageError`.
   */
  readonly maxInFlight?: number;
  /**
   * Which subjects this member handles (default all). A message whose subject it refuses is
   * acked untouched, before it is decoded: consumers that split one subject filter by a key in
   * the subject (position-actor's partitions) neither decode nor dead-letter each other's
   * messages, so an undecodable one is dead-lettered by its owner alone.
   */
  readonly accepts?: (subject: string) => boolean;
}

export interface RequestOptions extends PublishOptions {
  /** How long to wait for the reply (default 5 s), then `BusTimeoutError`. */
  readonly timeoutMs?: number;
}

export interface SubscribeOptions {
  /** Queue group: each message goes to one member of the group. */
  readonly queue?: string;
}

/** Latest value of one key. */
export interface KvEntry<A> {
  readonly key: string;
  readonly value: A;
  readonly revision: number;
}

/** A key deleted from a bucket, as seen by a watcher. */
export interface KvDeleted {
  readonly key: string;
  readonly deleted: true;
  readonly revision: number;
}

/** A key-value bucket: latest value per key, with watch. */
export interface KvBucket<A> {
  /** Stores the value; resolves to the new revision. */
  put(key: string, value: A): Promise<number>;
  /** The latest value, or undefined when the key is absent or deleted. */
  get(key: string): Promise<KvEntry<A> | undefined>;
  delete(key: string): Promise<void>;
  /** The keys that currently hold a value. */
  keys(): Promise<string[]>;
  /** Calls `handler` with the current value of every key, then with every later update. */
  watch(handler: (entry: KvEntry<A> | KvDeleted) => void): Promise<Subscription>;
}

/** Why a message went to the dead-letter subject. */
export type DeadLetterReason = 'undecodable' | 'max-deliveries';

/** A message that could not be handled, as published on the dead-letter subject. */
export interface DeadLetter {
  /** The subject the message was published on (without the bus namespace). */
  readonly subject: string;
  readonly reason: DeadLetterReason | 'unknown';
  /** What went wrong (decode issues, the last handler error). */
  readonly error: string;
  /** The original bytes, untouched. */
  readonly payload: Uint8Array;
  /** The original headers plus the `Hoga-Dead-Letter-*` headers. */
  readonly headers: Headers;
}

/** A dead letter kept by the dead-letter stream. */
export interface KeptDeadLetter extends DeadLetter {
  /** Its sequence in the dead-letter stream. */
  readonly sequence: number;
  /** When the stream kept it (ISO 8601). */
  readonly keptAt: string;
  /** The bus (service) that dead-lettered it, when known (`Hoga-Dead-Letter-By`). */
  readonly by: string | undefined;
}

/** The limits of the dead-letter stream: the oldest letters are discarded beyond any of them. */
export interface DeadLetterLimits {
  /** Letters older than this are discarded (0: no age limit). */
  readonly maxAgeMs: number;
  readonly maxMsgs: number;
  readonly maxBytes: number;
}

/** Which kept dead letters to list. */
export interface DeadLetterQuery {
  /** Only letters whose original subject matches this filter (NATS wildcards; default all). */
  readonly subject?: string;
  /** Only letters dead-lettered by this bus: its `name`, or a name ending in `/<by>`. */
  readonly by?: string;
  /** At most this many letters, newest first (1..100, default 10). */
  readonly limit?: number;
}

/** What the dead-letter stream keeps, and its newest letters that match a query. */
export interface DeadLetterReport {
  /** Letters kept (all of them, whatever the query). */
  readonly count: number;
  /** Bytes kept. */
  readonly bytes: number;
  readonly limits: DeadLetterLimits;
  /** The newest letters that match, newest first. */
  readonly letters: readonly KeptDeadLetter[];
  /** Kept letters looked at to find them (the search stops after a bounded number). */
  readonly scanned: number;
}

/** Which kept messages of a stream to read back, newest first. */
export interface StreamReadQuery<A> {
  /** Only messages whose sequence is below this one (default: from the newest). */
  readonly before?: number;
  /** Only messages on subjects matching this filter (NATS wildcards, without the namespace). */
  readonly subject?: string;
  /** Only messages this accepts (looked at after decoding). */
  readonly match?: (message: KeptMessage<A>) => boolean;
  /** Stop once this many messages matched (1..1000). */
  readonly limit: number;
  /** Stop after looking at this many sequences (1..10000): the work of one read is bounded. */
  readonly maxScan: number;
}

/** A message kept by a stream, decoded. */
export interface KeptMessage<A> {
  readonly sequence: number;
  /** The subject it was published on (without the bus namespace). */
  readonly subject: string;
  readonly data: A;
  readonly headers: Headers;
  /** When the stream kept it (ISO 8601). */
  readonly keptAt: string;
}

/** What one read of a stream found. */
export interface StreamReadResult<A> {
  /** The matching messages, newest first. */
  readonly messages: readonly KeptMessage<A>[];
  /** Sequences looked at. */
  readonly scanned: number;
  /** Kept messages that did not decode with the codec (skipped: reading is not delivery). */
  readonly undecodable: number;
  /**
   * Where the next, older read starts (pass it as `before`); undefined once the oldest kept
   * message was looked at.
   */
  readonly next: number | undefined;
  /** Messages and bytes the stream keeps, and the sequences of its oldest and newest. */
  readonly count: number;
  readonly bytes: number;
  readonly firstSequence: number;
  readonly lastSequence: number;
}

/**
 * The message bus of hoga: NATS (JetStream) in production, in-process in all-in-one mode.
 * Every message is encoded with its route's codec on publish (an invalid message is rejected with
 * `BusEncodeError` before anything is sent) and decoded on receipt; a message that fails to
 * decode is logged and sent to the dead-letter subject, never handed to a handler.
 *
 * Delivery order: a subscription hands messages to its handler one at a time, in order. A durable
 * consumer does too by default; with `maxInFlight: n` it runs up to n handlers at once, started in
 * delivery order (they may finish, ack and be redelivered in any order). Reply handlers run
 * concurrently.
 */
export interface Bus {
  /** Fire-and-forget publish (core NATS). The route's subject must be concrete (no wildcards). */
  publish<A>(route: Route<A>, message: A, options?: PublishOptions): Promise<void>;
  /**
   * Subscribes with NATS wildcards (`*`, `>`) in the route's subject. A handler error is logged
   * and the next message is delivered (core messages are not redelivered).
   */
  subscribe<A>(
    route: Route<A>,
    handler: (delivery: Delivery<A>) => void | Promise<void>,
    options?: SubscribeOptions,
  ): Promise<Subscription>;
  /**
   * Sends a request and waits for the decoded reply. Rejects with `BusTimeoutError`,
   * `BusNoRespondersError`, `BusRequestError` (the responder failed) or `BusDecodeError`.
   */
  request<Q, R>(route: RpcRoute<Q, R>, request: Q, options?: RequestOptions): Promise<R>;
  /**
   * Answers requests. A thrown error becomes an error reply: the requester gets a
   * `BusRequestError` whose code is the error's string `code` property, else `handler_error`.
   */
  reply<Q, R>(
    route: RpcRoute<Q, R>,
    handler: (delivery: Delivery<Q>) => Promise<R>,
    options?: SubscribeOptions,
  ): Promise<Subscription>;
  /** Publishes into the route's stream (created if needed); the message id deduplicates. */
  publishDurable<A>(
    route: Route<A>,
    message: A,
    options: DurablePublishOptions,
  ): Promise<DurablePublishAck>;
  /**
   * Publishes a message its writer already encoded with the route's codec (a stored outbox row:
   * JSON data) into the route's stream as it is: serialized to JSON text, not decoded or encoded
   * again (receivers decode it as any message). The subject must be concrete; the message id
   * deduplicates. Rejects with `BusEncodeError` when the value does not serialize.
   */
  publishEncodedDurable(
    route: Route<unknown>,
    encoded: unknown,
    options: DurablePublishOptions,
  ): Promise<DurablePublishAck>;
  /**
   * Consumes a stream durably with explicit ack. A handler that returns without acking gets the
   * message again after `ackWaitMs`; a handler that throws gets it again after a short backoff;
   * after `maxDeliver` deliveries the message goes to the dead-letter subject. Up to
   * `maxInFlight` (default 1) handlers run at once; the subscription's `unsubscribe` waits for
   * all of them.
   */
  consume<A>(
    route: Route<A>,
    options: ConsumerOptions,
    handler: (delivery: DurableDelivery<A>) => Promise<void>,
  ): Promise<Subscription>;
  /** Opens (creating if needed) a key-value bucket. */
  kv<A>(route: KvRoute<A>): Promise<KvBucket<A>>;
  /**
   * Receives dead letters whose original subject matches `subject` (default: all of them).
   * Dead letters travel on core NATS; a stream over the dead-letter subjects keeps them.
   */
  deadLetters(
    handler: (letter: DeadLetter) => void | Promise<void>,
    options?: SubscribeOptions & { readonly subject?: string },
  ): Promise<Subscription>;
  /**
   * What the dead-letter stream keeps (every mode: a JetStream stream on NATS, a bounded store
   * in process, same limits): the count, the bytes and the newest letters matching `query`.
   * Dead letters are kept whether or not anyone listens; each message is kept once.
   */
  keptDeadLetters(query?: DeadLetterQuery): Promise<DeadLetterReport>;
  /**
   * Creates the stream or brings it to this configuration (idempotent): for a stream filled by
   * plain publishes that nobody consumes durably (the logs), which nothing else would create.
   */
  declareStream(spec: StreamSpec): Promise<void>;
  /**
   * Reads back what a stream keeps, newest first (the stream as declared with `spec`), decoding
   * each message with `codec`; bounded by `query.maxScan`.
   */
  readStream<A>(
    spec: StreamSpec,
    codec: MessageCodec<A>,
    query: StreamReadQuery<A>,
  ): Promise<StreamReadResult<A>>;
  /** Stops every subscription (waiting for in-flight handlers), then drains and closes. */
  close(): Promise<void>;
}
