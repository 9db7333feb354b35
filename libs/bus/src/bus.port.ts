import type { KvRoute, Route, RpcRoute } from '@hoga/contracts';

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
  ack(): Promise<void>;
  /** Asks for redelivery, after `delayMs` when given. */
  nak(delayMs?: number): void;
}

export interface PublishOptions {
  readonly headers?: Headers;
}

export interface DurablePublishOptions extends PublishOptions {
  /** Deduplication id (`Nats-Msg-Id`): a repeat within the stream's window is dropped. */
  readonly msgId: string;
}

export interface DurablePublishAck {
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
}

export interface RequestOptions extends PublishOptions {
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

/** A key-value bucket: latest value per key, with watch. */
export interface KvBucket<A> {
  put(key: string, value: A): Promise<number>;
  get(key: string): Promise<KvEntry<A> | undefined>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /** Calls `handler` with the current value of every key, then with every later update. */
  watch(handler: (entry: KvEntry<A> | { readonly key: string; readonly deleted: true }) => void): Promise<Subscription>;
}

/**
 * The message bus of hoga: NATS (JetStream) in production, in-process in all-in-one mode.
 * Every message is encoded with its route's codec on publish and decoded on receipt; a message
 * that fails to decode is logged and sent to the dead-letter subject, never handed to a handler.
 */
export interface Bus {
  /** Fire-and-forget publish (core NATS). */
  publish<A>(route: Route<A>, message: A, options?: PublishOptions): Promise<void>;
  /** Subscribes with NATS wildcards (`*`, `>`) in the route's subject. */
  subscribe<A>(route: Route<A>, handler: (delivery: Delivery<A>) => void | Promise<void>, options?: SubscribeOptions): Promise<Subscription>;
  /** Sends a request and waits for the decoded reply. Rejects with a `BusError`. */
  request<Q, R>(route: RpcRoute<Q, R>, request: Q, options?: RequestOptions): Promise<R>;
  /** Answers requests; a thrown error is sent back as an error reply. */
  reply<Q, R>(route: RpcRoute<Q, R>, handler: (delivery: Delivery<Q>) => Promise<R>, options?: SubscribeOptions): Promise<Subscription>;
  /** Publishes into the route's stream; the message id deduplicates. */
  publishDurable<A>(route: Route<A>, message: A, options: DurablePublishOptions): Promise<DurablePublishAck>;
  /** Consumes a stream durably with explicit ack. */
  consume<A>(route: Route<A>, options: ConsumerOptions, handler: (delivery: DurableDelivery<A>) => Promise<void>): Promise<Subscription>;
  /** Opens (creating if needed) a key-value bucket. */
  kv<A>(route: KvRoute<A>): Promise<KvBucket<A>>;
  /** Drains and closes. */
  close(): Promise<void>;
}
