import type { KvRoute } from '@hoga/contracts';
import * as E from 'fp-ts/lib/Either.js';
import type { BusLogger } from './bus-logger.js';
import { BusUsageError, messageOf } from './bus.errors.js';
import type { KvBucket, KvDeleted, KvEntry, Subscription } from './bus.port.js';
import type { DeadLetterSink } from './dead-letter-sink.js';
import { decodeMessage, encodeMessage } from './message-codec.js';
import type { RawKv, RawKvEvent } from './transport.port.js';
import { SerialQueue } from './serial-queue.js';

// NATS KV keys: subject-like tokens of letters, digits and `-/_=`, separated by dots.
const KEY = /^[-/_=a-zA-Z0-9]+(\.[-/_=a-zA-Z0-9]+)*$/;

/** Throws `BusUsageError` unless `key` is a valid key-value key. */
export function checkKey(key: string): string {
  if (!KEY.test(key))
    throw new BusUsageError(
      `invalid key ${JSON.stringify(key)}: dot-separated tokens of letters, digits and -/_=`,
    );
  return key;
}

interface Context<A> {
  readonly route: KvRoute<A>;
  readonly raw: RawKv;
  readonly logger: BusLogger;
  readonly deadLetter: DeadLetterSink;
  /** Registers a watch so closing the bus stops it. */
  readonly track: (subscription: Subscription) => Subscription;
}

/** A bucket with its codec applied: values encoded on put, decoded on get and watch. */
export class TypedKvBucket<A> implements KvBucket<A> {
  constructor(private readonly ctx: Context<A>) {}

  /** The subject a value is known by in logs and dead letters: `$KV.<bucket>.<key>`. */
  #subject(key: string): string {
    return `$KV.${this.ctx.route.bucket}.${key}`;
  }

  async put(key: string, value: A): Promise<number> {
    checkKey(key);
    return this.ctx.raw.put(key, encodeMessage(this.ctx.route.codec, value, this.#subject(key)));
  }

  /** Rejects with `BusDecodeError` when the stored value does not decode (and logs it). */
  async get(key: string): Promise<KvEntry<A> | undefined> {
    const found = await this.ctx.raw.get(checkKey(key));
    if (found === undefined) return undefined;
    const decoded = decodeMessage(this.ctx.route.codec, found.data, this.#subject(key));
    if (E.isRight(decoded)) return { key, value: decoded.right, revision: found.revision };
    this.ctx.logger.warn('bus: undecodable value read from a bucket', {
      subject: this.#subject(key),
      revision: found.revision,
      error: decoded.left.message,
    });
    throw decoded.left;
  }

  async delete(key: string): Promise<void> {
    await this.ctx.raw.delete(checkKey(key));
  }

  async keys(): Promise<string[]> {
    return this.ctx.raw.keys();
  }

  /** An undecodable value is logged and dead-lettered, and the watch goes on. */
  async watch(handler: (entry: KvEntry<A> | KvDeleted) => void): Promise<Subscription> {
    const queue = new SerialQueue((error) =>
      this.ctx.logger.warn('bus: watch handler failed', {
        bucket: this.ctx.route.bucket,
        error: messageOf(error),
      }),
    );
    const raw = await this.ctx.raw.watch((event) =>
      queue.push(() => this.#deliver(event, handler)),
    );
    return this.ctx.track({
      async unsubscribe() {
        await raw.unsubscribe();
        await queue.drain();
      },
    });
  }

  async #deliver(
    event: RawKvEvent,
    handler: (entry: KvEntry<A> | KvDeleted) => void,
  ): Promise<void> {
    if (event.deleted) return handler({ key: event.key, deleted: true, revision: event.revision });
    const subject = this.#subject(event.key);
    const decoded = decodeMessage(this.ctx.route.codec, event.data, subject);
    if (E.isLeft(decoded))
      return this.ctx.deadLetter(
        event.data,
        {},
        { subject, reason: 'undecodable', error: decoded.left.message },
      );
    handler({ key: event.key, value: decoded.right, revision: event.revision });
  }
}
