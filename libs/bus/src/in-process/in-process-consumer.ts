import type { RawDurableMessage, RawSubscription, WireConsumer } from '../transport.port.js';
import type { InProcessStream, StoredMessage } from './in-process-stream.js';
import { subjectMatches } from './subject-match.js';

/** Messages handed to one member and not yet handled (as a NATS pull consumer batch). */
const MEMBER_BUFFER = 64;

interface Pending {
  deliveries: number;
  timer?: NodeJS.Timeout;
}

interface Member {
  readonly handle: (message: RawDurableMessage) => Promise<void>;
  /** Calls of `handle` that may run at once. */
  readonly maxInFlight: number;
  readonly buffer: StoredMessage[];
  readonly inFlight: Set<Promise<void>>;
  active: boolean;
  /** A pump is scheduled for a later turn of the event loop. */
  scheduled: boolean;
}

/** What a consumer holds: delivered-not-acked, and not yet delivered. */
export interface ConsumerState {
  readonly ackPending: number;
  readonly pending: number;
}

/**
 * A durable consumer in memory with NATS semantics: explicit ack; redelivery after the ack wait
 * or a nak (with delay); at most `maxDeliver` deliveries; members attached under the same
 * durable name share the messages (each message goes to one member at a time).
 */
export class InProcessConsumer {
  #config: WireConsumer;
  readonly #pending = new Map<number, Pending>();
  /** Sequences due for redelivery, served before new messages. */
  #due: number[] = [];
  #members: Member[] = [];
  #nextSequence: number;
  #turn = 0;
  #closed = false;

  constructor(
    private readonly stream: InProcessStream,
    config: WireConsumer,
    firstSequence: number,
  ) {
    this.#config = config;
    this.#nextSequence = firstSequence;
  }

  get config(): WireConsumer {
    return this.#config;
  }

  update(config: WireConsumer): void {
    this.#config = config;
  }

  /**
   * Adds a member; up to `maxInFlight` of its messages are handled at once (1: one at a time, in
   * order), started in delivery order.
   */
  attach(handle: (message: RawDurableMessage) => Promise<void>, maxInFlight = 1): RawSubscription {
    const member: Member = {
      handle,
      maxInFlight,
      buffer: [],
      inFlight: new Set(),
      active: true,
      scheduled: false,
    };
    this.#members.push(member);
    this.wake();
    return {
      unsubscribe: async () => {
        member.active = false;
        this.#members = this.#members.filter((m) => m !== member);
        while (member.inFlight.size > 0) await Promise.all(member.inFlight);
        // What it had buffered stays pending and comes back after the ack wait, as in NATS.
      },
    };
  }

  /** Hands out what can be handed out: redeliveries first, then new messages. */
  wake(): void {
    if (this.#closed) return;
    for (;;) {
      const member = this.#memberWithRoom();
      if (member === undefined) return;
      const message = this.#nextDue() ?? this.#nextNew();
      if (message === undefined) return;
      this.#deliver(member, message);
    }
  }

  state(): ConsumerState {
    let pending = 0;
    for (let s = this.#nextSequence; s <= this.stream.lastSequence; s++) {
      const message = this.stream.get(s);
      if (message !== undefined && subjectMatches(this.#config.filterSubject, message.subject))
        pending += 1;
    }
    return { ackPending: this.#pending.size, pending };
  }

  close(): void {
    this.#closed = true;
    for (const p of this.#pending.values()) clearTimeout(p.timer);
    for (const m of this.#members) m.active = false;
  }

  #memberWithRoom(): Member | undefined {
    for (let i = 0; i < this.#members.length; i++) {
      const member = this.#members[(this.#turn + i) % this.#members.length]!;
      if (member.buffer.length < MEMBER_BUFFER) {
        this.#turn = (this.#turn + i + 1) % this.#members.length;
        return member;
      }
    }
    return undefined;
  }

  #nextDue(): StoredMessage | undefined {
    while (this.#due.length > 0) {
      const sequence = this.#due.shift()!;
      const message = this.#pending.has(sequence) ? this.stream.get(sequence) : undefined;
      if (message !== undefined) return message;
      this.#pending.delete(sequence);
    }
    return undefined;
  }

  #nextNew(): StoredMessage | undefined {
    while (this.#nextSequence <= this.stream.lastSequence) {
      const message = this.stream.get(this.#nextSequence);
      this.#nextSequence += 1;
      if (message !== undefined && subjectMatches(this.#config.filterSubject, message.subject))
        return message;
    }
    return undefined;
  }

  #deliver(member: Member, message: StoredMessage): void {
    const entry = this.#pending.get(message.sequence) ?? { deliveries: 0 };
    entry.deliveries += 1;
    this.#pending.set(message.sequence, entry);
    this.#redeliverAfter(message.sequence, entry, this.#config.ackWaitMs);
    member.buffer.push(message);
    if (member.scheduled) return;
    member.scheduled = true;
    // Never inside `publish`: handling starts on a later turn of the event loop.
    setImmediate(() => {
      member.scheduled = false;
      this.#pump(member);
    });
  }

  /** Starts handlers for a member's buffer, in order, while it has a free slot. */
  #pump(member: Member): void {
    while (member.active && member.inFlight.size < member.maxInFlight) {
      const message = member.buffer.shift();
      if (message === undefined) break;
      const entry = this.#pending.get(message.sequence);
      if (entry === undefined) continue; // acked meanwhile (a late ack of an earlier delivery)
      const call: Promise<void> = this.#handle(member, this.#raw(message, entry.deliveries)).then(
        () => {
          member.inFlight.delete(call);
          this.#pump(member);
          this.wake();
        },
      );
      member.inFlight.add(call);
    }
  }

  async #handle(member: Member, raw: RawDurableMessage): Promise<void> {
    try {
      await member.handle(raw);
    } catch {
      // The typed layer handles its own errors; a failure here leaves the message pending.
    }
  }

  #raw(message: StoredMessage, deliveryCount: number): RawDurableMessage {
    const sequence = message.sequence;
    return {
      subject: message.subject,
      data: message.data,
      headers: message.headers,
      deliveryCount,
      sequence,
      ack: async () => this.#settle(sequence),
      term: () => this.#settle(sequence),
      nak: (delayMs) => {
        const entry = this.#pending.get(sequence);
        if (entry !== undefined) this.#redeliverAfter(sequence, entry, delayMs);
      },
    };
  }

  #settle(sequence: number): void {
    const entry = this.#pending.get(sequence);
    clearTimeout(entry?.timer);
    this.#pending.delete(sequence);
    this.stream.settled(sequence);
  }

  /** Schedules the next delivery; once `maxDeliver` deliveries are made the message is dropped. */
  #redeliverAfter(sequence: number, entry: Pending, delayMs: number): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.#pending.get(sequence) !== entry) return;
      if (entry.deliveries >= this.#config.maxDeliver) {
        this.#pending.delete(sequence);
        return;
      }
      this.#due.push(sequence);
      this.wake();
    }, delayMs);
    entry.timer.unref();
  }
}
