import type * as t from 'io-ts';

/** A codec for a message: decodes `unknown` JSON, encodes to JSON-safe output. */
export type MessageCodec<A> = t.Type<A, unknown, unknown>;

/** How a subject is carried. */
export type RouteKind = 'core' | 'jetstream' | 'rpc';

/** A JetStream stream as hoga declares it (created idempotently by the bus). */
export interface StreamSpec {
  /** Stream name (letters, digits, `_`, `-`); the bus prefixes it with its namespace. */
  readonly name: string;
  /** Subject filters captured by the stream (un-namespaced). */
  readonly subjects: readonly string[];
  /** `workqueue`: a message is removed once acked (order commands); `limits`: kept for replay. */
  readonly retention: 'workqueue' | 'limits';
  /** Window in which a repeated `Nats-Msg-Id` is dropped as a duplicate. */
  readonly duplicateWindowMs: number;
  /** Max age of kept messages (0 = forever). */
  readonly maxAgeMs: number;
  /** Most messages kept; the oldest are discarded beyond it (absent = no limit). */
  readonly maxMsgs?: number;
  /** Most bytes kept; the oldest messages are discarded beyond it (absent = no limit). */
  readonly maxBytes?: number;
}

/** A subject paired with the codec of what travels on it. `subject` may hold `*`/`>` wildcards. */
export interface Route<A> {
  readonly subject: string;
  readonly codec: MessageCodec<A>;
  readonly kind: RouteKind;
  /** For `jetstream` routes: the stream that captures the subject. */
  readonly stream?: StreamSpec;
}

/** A request/reply endpoint: the request codec and the reply codec. */
export interface RpcRoute<Q, R> {
  readonly subject: string;
  readonly request: MessageCodec<Q>;
  readonly reply: MessageCodec<R>;
}

/** A key-value bucket and the codec of its values. */
export interface KvRoute<A> {
  /** Bucket name (letters, digits, `_`, `-`); the bus prefixes it with its namespace. */
  readonly bucket: string;
  readonly codec: MessageCodec<A>;
  /** Revisions of history kept per key. */
  readonly history: number;
}

/** A core NATS route (fire-and-forget, no persistence). */
export const coreRoute = <A>(subject: string, codec: MessageCodec<A>): Route<A> => ({
  subject,
  codec,
  kind: 'core',
});
/** A JetStream route captured by `stream`. */
export const streamRoute = <A>(
  subject: string,
  codec: MessageCodec<A>,
  stream: StreamSpec,
): Route<A> => ({
  subject,
  codec,
  kind: 'jetstream',
  stream,
});
/** A request/reply route. */
export const rpcRoute = <Q, R>(
  subject: string,
  request: MessageCodec<Q>,
  reply: MessageCodec<R>,
): RpcRoute<Q, R> => ({
  subject,
  request,
  reply,
});
