import type { KvRoute, MessageCodec, Route, RpcRoute, StreamSpec } from '@hoga/contracts';
import * as E from 'fp-ts/lib/Either.js';
import type { BusLogger } from './bus-logger.js';
import { BusClosedError, BusRequestError, BusUsageError, messageOf } from './bus.errors.js';
import { ErrorReplyHeader, normalizeHeaders } from './bus-headers.js';
import type {
  Bus,
  ConsumerOptions,
  DeadLetter,
  DeadLetterLimits,
  DeadLetterQuery,
  DeadLetterReport,
  Delivery,
  DurableDelivery,
  DurablePublishAck,
  DurablePublishOptions,
  KvBucket,
  PublishOptions,
  RequestOptions,
  StreamReadQuery,
  StreamReadResult,
  SubscribeOptions,
  Subscription,
} from './bus.port.js';
import { deadLetterSink, type DeadLetterSink } from './dead-letter-sink.js';
import { deadLetterSubject, readDeadLetter } from './dead-letter.js';
import {
  deadLetterLimits,
  deadLetterStreamSpec,
  readKeptDeadLetters,
} from './dead-letter-store.js';
import { handleDurable, serverMaxDeliver } from './durable-delivery.js';
import { decodeMessage, encodeChecked, encodeMessage, serializeEncoded } from './message-codec.js';
import { checkName, checkPattern, checkSubject, Namespace, type WireStream } from './namespace.js';
import { answerRequest } from './reply-handler.js';
import { SerialQueue } from './serial-queue.js';
import { readStream } from './stream-reader.js';
import type { RawRequest, Transport } from './transport.port.js';
import { TypedKvBucket } from './typed-kv.js';

/** Options shared by both bus implementations. */
export interface TypedBusOptions {
  readonly namespace: string;
  readonly logger: BusLogger;
  /** Default request timeout (5 s). */
  readonly requestTimeoutMs?: number;
  /** The bus's name (the service), recorded on the dead letters it keeps. */
  readonly name?: string;
  /** Overrides of the dead-letter stream's limits (defaults: `STREAMS.deadLetters`). */
  readonly deadLetters?: Partial<DeadLetterLimits>;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
const MAX_KV_HISTORY = 64;

/**
 * The `Bus` over an untyped {@link Transport}: codecs on publish and receipt, namespacing, dead
 * letters, error replies and durable ack semantics, written once for every implementation.
 */
export class TypedBus implements Bus {
  readonly #transport: Transport;
  readonly #ns: Namespace;
  readonly #logger: BusLogger;
  readonly #deadLetter: DeadLetterSink;
  readonly #requestTimeoutMs: number;
  readonly #deadLetterLimits: DeadLetterLimits;
  readonly #deadLetterStream: WireStream;
  readonly #subscriptions = new Set<Subscription>();
  #closed = false;

  constructor(transport: Transport, options: TypedBusOptions) {
    this.#transport = transport;
    this.#ns = new Namespace(options.namespace);
    this.#logger = options.logger;
    this.#deadLetterLimits = deadLetterLimits(options.deadLetters);
    this.#deadLetterStream = this.#ns.stream(deadLetterStreamSpec(this.#deadLetterLimits));
    this.#deadLetter = deadLetterSink(transport, this.#ns, options.logger, {
      stream: this.#deadLetterStream,
      ...(options.name !== undefined ? { by: options.name } : {}),
    });
    this.#requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  async publish<A>(route: Route<A>, message: A, options?: PublishOptions): Promise<void> {
    this.#checkOpen();
    const subject = checkSubject(route.subject);
    const { bytes, decoded } = encodeChecked(route.codec, message, subject);
    await this.#transport.publish(
      this.#ns.subject(subject),
      bytes,
      normalizeHeaders(options?.headers),
      {
        codec: route.codec,
        value: decoded,
      },
    );
  }

  async subscribe<A>(
    route: Route<A>,
    handler: (delivery: Delivery<A>) => void | Promise<void>,
    options?: SubscribeOptions,
  ): Promise<Subscription> {
    return this.#subscribeSerially(route.subject, options?.queue, async (raw) => {
      const subject = this.#ns.strip(raw.subject);
      // In process, a publisher with the same codec already decoded (and proved) these bytes.
      if (raw.local !== undefined && raw.local.codec === route.codec)
        return handler({ subject, data: raw.local.value as A, headers: raw.headers });
      const decoded = decodeMessage(route.codec, raw.data, subject);
      if (E.isLeft(decoded))
        return this.#deadLetter(raw.data, raw.headers, {
          subject,
          reason: 'undecodable',
          error: decoded.left.message,
        });
      await handler({ subject, data: decoded.right, headers: raw.headers });
    });
  }

  async request<Q, R>(route: RpcRoute<Q, R>, request: Q, options?: RequestOptions): Promise<R> {
    this.#checkOpen();
    const subject = checkSubject(route.subject);
    const data = encodeMessage(route.request, request, subject);
    const timeoutMs = options?.timeoutMs ?? this.#requestTimeoutMs;
    const reply = await this.#transport.request(
      this.#ns.subject(subject),
      data,
      normalizeHeaders(options?.headers),
      timeoutMs,
    );
    const code = reply.headers[ErrorReplyHeader.code];
    if (code !== undefined)
      throw new BusRequestError(subject, code, reply.headers[ErrorReplyHeader.description] ?? '');
    const decoded = decodeMessage(route.reply, reply.data, subject);
    if (E.isLeft(decoded)) {
      await this.#deadLetter(reply.data, reply.headers, {
        subject,
        reason: 'undecodable',
        error: decoded.left.message,
      });
      throw decoded.left;
    }
    return decoded.right;
  }

  async reply<Q, R>(
    route: RpcRoute<Q, R>,
    handler: (delivery: Delivery<Q>) => Promise<R>,
    options?: SubscribeOptions,
  ): Promise<Subscription> {
    this.#checkOpen();
    const ctx = { route, ns: this.#ns, logger: this.#logger, deadLetter: this.#deadLetter };
    const inFlight = new Set<Promise<void>>();
    const raw = await this.#transport.subscribe(
      this.#ns.subject(checkPattern(route.subject)),
      checkQueue(options?.queue),
      (message) => {
        const run: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => answerRequest(ctx, message, handler))
          .catch((error: unknown) =>
            this.#logger.warn('bus: reply failed', {
              subject: message.subject,
              error: messageOf(error),
            }),
          )
          .finally(() => inFlight.delete(run));
        inFlight.add(run);
      },
    );
    return this.#track({
      async unsubscribe() {
        await raw.unsubscribe();
        await Promise.all(inFlight);
      },
    });
  }

  async publishDurable<A>(
    route: Route<A>,
    message: A,
    options: DurablePublishOptions,
  ): Promise<DurablePublishAck> {
    return this.#intoStream(route, options, (subject) =>
      encodeMessage(route.codec, message, subject),
    );
  }

  async publishEncodedDurable(
    route: Route<unknown>,
    encoded: unknown,
    options: DurablePublishOptions,
  ): Promise<DurablePublishAck> {
    return this.#intoStream(route, options, (subject) => serializeEncoded(encoded, subject));
  }

  /** A durable publish of the bytes `bytes` makes for the checked subject. */
  #intoStream<A>(
    route: Route<A>,
    options: DurablePublishOptions,
    bytes: (subject: string) => Uint8Array,
  ): Promise<DurablePublishAck> {
    this.#checkOpen();
    const stream = this.#ns.stream(streamOf(route));
    const subject = checkSubject(route.subject);
    const msgId = checkMsgId(options.msgId);
    const data = bytes(subject);
    const headers = normalizeHeaders(options.headers);
    return this.#transport.publishDurable(stream, this.#ns.subject(subject), data, headers, msgId);
  }

  async consume<A>(
    route: Route<A>,
    options: ConsumerOptions,
    handler: (delivery: DurableDelivery<A>) => Promise<void>,
  ): Promise<Subscription> {
    this.#checkOpen();
    const stream = this.#ns.stream(streamOf(route));
    checkName('consumer', options.durable);
    if (!(options.ackWaitMs > 0))
      throw new BusUsageError(`ackWaitMs must be positive, got ${options.ackWaitMs}`);
    if (!Number.isInteger(options.maxDeliver) || options.maxDeliver < 1)
      throw new BusUsageError(`maxDeliver must be a positive integer, got ${options.maxDeliver}`);
    const maxInFlight = options.maxInFlight ?? 1;
    if (!Number.isSafeInteger(maxInFlight) || maxInFlight < 1)
      throw new BusUsageError(
        `maxInFlight must be a positive integer, got ${String(options.maxInFlight)}`,
      );
    const consumer = {
      durable: options.durable,
      filterSubject: this.#ns.subject(checkPattern(options.filterSubject ?? route.subject)),
      ackWaitMs: options.ackWaitMs,
      maxDeliver: serverMaxDeliver(options.maxDeliver),
    };
    const ctx = {
      route,
      options,
      streamName: stream.name,
      ns: this.#ns,
      logger: this.#logger,
      deadLetter: this.#deadLetter,
    };
    await this.#transport.ensureStream(stream);
    return this.#track(
      await this.#transport.consume(
        stream,
        consumer,
        (raw) => handleDurable(ctx, raw, handler),
        maxInFlight,
      ),
    );
  }

  async kv<A>(route: KvRoute<A>): Promise<KvBucket<A>> {
    this.#checkOpen();
    if (!Number.isInteger(route.history) || route.history < 1 || route.history > MAX_KV_HISTORY) {
      throw new BusUsageError(`bucket history must be 1..${MAX_KV_HISTORY}, got ${route.history}`);
    }
    const raw = await this.#transport.kv(this.#ns.bucketName(route.bucket), route.history);
    return new TypedKvBucket({
      route,
      raw,
      logger: this.#logger,
      deadLetter: this.#deadLetter,
      track: (s) => this.#track(s),
    });
  }

  async deadLetters(
    handler: (letter: DeadLetter) => void | Promise<void>,
    options?: SubscribeOptions & { readonly subject?: string },
  ): Promise<Subscription> {
    return this.#subscribeSerially(
      deadLetterSubject(options?.subject ?? '>'),
      options?.queue,
      async (raw) => handler(readDeadLetter(this.#ns.strip(raw.subject), raw.data, raw.headers)),
    );
  }

  async keptDeadLetters(query?: DeadLetterQuery): Promise<DeadLetterReport> {
    this.#checkOpen();
    return readKeptDeadLetters(
      this.#transport,
      this.#ns,
      this.#deadLetterStream,
      this.#deadLetterLimits,
      query,
    );
  }

  async declareStream(spec: StreamSpec): Promise<void> {
    this.#checkOpen();
    await this.#transport.ensureStream(this.#ns.stream(spec));
  }

  async readStream<A>(
    spec: StreamSpec,
    codec: MessageCodec<A>,
    query: StreamReadQuery<A>,
  ): Promise<StreamReadResult<A>> {
    this.#checkOpen();
    return readStream(this.#transport, this.#ns, this.#ns.stream(spec), codec, query);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const results = await Promise.allSettled([...this.#subscriptions].map((s) => s.unsubscribe()));
    for (const r of results)
      if (r.status === 'rejected')
        this.#logger.warn('bus: unsubscribe failed on close', { error: messageOf(r.reason) });
    await this.#transport.close();
  }

  /** Subscribes and runs `handle` for one message at a time, in order. */
  async #subscribeSerially(
    pattern: string,
    queue: string | undefined,
    handle: (raw: RawRequest) => Promise<void>,
  ): Promise<Subscription> {
    this.#checkOpen();
    const wire = this.#ns.subject(checkPattern(pattern));
    const tasks = new SerialQueue((error) =>
      this.#logger.warn('bus: handler failed', { subject: pattern, error: messageOf(error) }),
    );
    const raw = await this.#transport.subscribe(wire, checkQueue(queue), (message) =>
      tasks.push(() => handle(message)),
    );
    return this.#track({
      async unsubscribe() {
        await raw.unsubscribe();
        await tasks.drain();
      },
    });
  }

  /** Remembers a subscription until it is stopped, so `close` can stop it. */
  #track(inner: Subscription): Subscription {
    let stopping: Promise<void> | undefined;
    const subscription: Subscription = {
      unsubscribe: () => {
        stopping ??= inner.unsubscribe().finally(() => this.#subscriptions.delete(subscription));
        return stopping;
      },
    };
    this.#subscriptions.add(subscription);
    return subscription;
  }

  #checkOpen(): void {
    if (this.#closed) throw new BusClosedError();
  }
}

/** A durable publish's message id, trimmed; refused when empty or spanning lines. */
function checkMsgId(msgId: string): string {
  if (msgId.trim() === '' || /[\r\n]/.test(msgId))
    throw new BusUsageError(`invalid message id ${JSON.stringify(msgId)}`);
  return msgId.trim();
}

function streamOf<A>(route: Route<A>): StreamSpec {
  if (route.kind !== 'jetstream' || route.stream === undefined)
    throw new BusUsageError(`route ${route.subject} is not a stream route`);
  return route.stream;
}

function checkQueue(queue: string | undefined): string | undefined {
  if (queue !== undefined && !/^[^\s*>]+$/.test(queue))
    throw new BusUsageError(`invalid queue group ${JSON.stringify(queue)}`);
  return queue;
}
