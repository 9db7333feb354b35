import { BusUsageError } from '../bus.errors.js';
import type { DurablePublishAck, Headers } from '../bus.port.js';
import { ownedBytes } from '../bytes.js';
import type { WireStream } from '../namespace.js';
import type { WireConsumer } from '../transport.port.js';
import { InProcessConsumer } from './in-process-consumer.js';
import { subjectMatches, subjectsOverlap } from './subject-match.js';

/** A message kept by a stream. */
export interface StoredMessage {
  readonly sequence: number;
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: Headers;
  readonly storedAt: number;
}

/** What a stream holds now (as JetStream's stream info state). */
export interface StreamState {
  readonly messages: number;
  readonly bytes: number;
  /** Sequence of the oldest message kept (lastSequence + 1 when empty). */
  readonly firstSequence: number;
  readonly lastSequence: number;
}

/** The bytes a message counts for against `maxBytes`: subject, headers and payload. */
export const storedSize = (subject: string, data: Uint8Array, headers: Headers): number =>
  subject.length +
  data.length +
  Object.entries(headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);

/**
 * A JetStream-like stream in memory: sequence numbers, a dedup window on message ids, limits
 * (keep up to a max age, a max count and max bytes, discarding the oldest first) or work-queue
 * (remove once acked) retention, and durable consumers.
 */
export class InProcessStream {
  #config: WireStream;
  readonly #messages = new Map<number, StoredMessage>();
  readonly #seen = new Map<string, { readonly sequence: number; readonly at: number }>();
  readonly #consumers = new Map<string, InProcessConsumer>();
  #lastSequence = 0;
  #bytes = 0;

  constructor(
    config: WireStream,
    private readonly now: () => number = Date.now,
  ) {
    this.#config = config;
  }

  get config(): WireStream {
    return this.#config;
  }

  get lastSequence(): number {
    return this.#lastSequence;
  }

  /** Applies a new configuration; the retention policy cannot change (as in NATS). */
  update(config: WireStream): void {
    if (config.retention !== this.#config.retention)
      throw new BusUsageError(`stream ${config.name}: the retention policy cannot change`);
    this.#config = config;
    this.#expire(this.now());
  }

  captures(subject: string): boolean {
    return this.#config.subjects.some((s) => subjectMatches(s, subject));
  }

  /** Appends a message; a message id seen within the dedup window is dropped as a duplicate. */
  append(subject: string, data: Uint8Array, headers: Headers, msgId?: string): DurablePublishAck {
    const now = this.now();
    this.#expire(now);
    const seen = msgId === undefined ? undefined : this.#seen.get(msgId);
    if (seen !== undefined) return { sequence: seen.sequence, duplicate: true };
    this.#lastSequence += 1;
    const sequence = this.#lastSequence;
    const kept = ownedBytes(data);
    this.#messages.set(sequence, { sequence, subject, data: kept, headers, storedAt: now });
    this.#bytes += storedSize(subject, data, headers);
    if (msgId !== undefined) this.#seen.set(msgId, { sequence, at: now });
    this.#expire(now);
    for (const consumer of this.#consumers.values()) consumer.wake();
    return { sequence, duplicate: false };
  }

  /** The message at `sequence`, unless removed or expired. */
  get(sequence: number): StoredMessage | undefined {
    this.#expire(this.now());
    return this.#messages.get(sequence);
  }

  /** Drops a message once its consumer acked it (work-queue retention only). */
  settled(sequence: number): void {
    if (this.#config.retention === 'workqueue') this.#remove(sequence);
  }

  /** Counts, bytes and the sequence range of what is kept. */
  state(): StreamState {
    this.#expire(this.now());
    return {
      messages: this.#messages.size,
      bytes: this.#bytes,
      firstSequence: this.#firstSequence(),
      lastSequence: this.#lastSequence,
    };
  }

  get messageCount(): number {
    this.#expire(this.now());
    return this.#messages.size;
  }

  /** Creates or updates a durable consumer. A work-queue stream takes one consumer per subject. */
  consumer(config: WireConsumer): InProcessConsumer {
    if (!this.#config.subjects.some((s) => subjectsOverlap(s, config.filterSubject))) {
      throw new BusUsageError(
        `consumer ${config.durable}: filter ${config.filterSubject} is outside stream ${this.#config.name}`,
      );
    }
    if (this.#config.retention === 'workqueue') {
      for (const other of this.#consumers.values()) {
        if (
          other.config.durable !== config.durable &&
          subjectsOverlap(other.config.filterSubject, config.filterSubject)
        ) {
          throw new BusUsageError(
            `work-queue stream ${this.#config.name}: consumer ${config.durable} overlaps ${other.config.durable}`,
          );
        }
      }
    }
    const existing = this.#consumers.get(config.durable);
    if (existing !== undefined) {
      existing.update(config);
      return existing;
    }
    const created = new InProcessConsumer(this, config, this.#firstSequence());
    this.#consumers.set(config.durable, created);
    return created;
  }

  findConsumer(durable: string): InProcessConsumer | undefined {
    return this.#consumers.get(durable);
  }

  close(): void {
    for (const consumer of this.#consumers.values()) consumer.close();
  }

  #firstSequence(): number {
    for (const sequence of this.#messages.keys()) return sequence;
    return this.#lastSequence + 1;
  }

  /**
   * Forgets message ids older than the dedup window, and discards the oldest messages while one
   * is older than the max age or the stream holds more than its max count or max bytes.
   */
  #expire(now: number): void {
    for (const [id, { at }] of this.#seen) {
      if (now - at < this.#config.duplicateWindowMs) break;
      this.#seen.delete(id);
    }
    const { maxAgeMs, maxMsgs, maxBytes } = this.#config;
    for (const [sequence, message] of this.#messages) {
      const tooOld = maxAgeMs > 0 && now - message.storedAt >= maxAgeMs;
      const tooMany = maxMsgs !== undefined && this.#messages.size > maxMsgs;
      const tooBig = maxBytes !== undefined && this.#bytes > maxBytes;
      if (!tooOld && !tooMany && !tooBig) break;
      this.#remove(sequence);
    }
  }

  #remove(sequence: number): void {
    const message = this.#messages.get(sequence);
    if (message === undefined) return;
    this.#messages.delete(sequence);
    this.#bytes -= storedSize(message.subject, message.data, message.headers);
  }
}
