import { envelope, type MessageCodec, type StreamSpec } from '@hoga/contracts';
import { PriceC } from '@hoga/model';
import * as t from 'io-ts';
import type { BusLogger } from '../../bus-logger.js';
import type { Bus, DeadLetter, DeadLetterLimits, Headers } from '../../bus.port.js';
import type { ConsumerState } from '../../in-process/in-process-consumer.js';
import { eventually } from '@hoga/testkit';
import type { RecordingLogger } from '../recording-logger.js';

/** What the contract suite needs from an implementation under test. */
export interface ContractHarness {
  /**
   * A new bus on the same server (or broker) and namespace: another "process", named
   * `bus-contract` (its dead letters say so), with these dead-letter limits when given.
   */
  open(logger: BusLogger, options?: OpenOptions): Promise<Bus>;
  /** Publishes bytes as they are, bypassing every codec (subject without namespace). */
  publishRaw(subject: string, payload: Uint8Array, headers?: Headers): Promise<void>;
  /** What a durable consumer holds (stream name without namespace). */
  consumerState(stream: string, durable: string): Promise<ConsumerState>;
  /** How many messages a stream keeps (stream name without namespace). */
  streamMessages(stream: string): Promise<number>;
  /** Removes everything the suite created. */
  dispose(): Promise<void>;
}

/** How a contract test opens a bus beyond the defaults. */
export interface OpenOptions {
  readonly deadLetters?: Partial<DeadLetterLimits>;
}

/** Shared state of one contract run, handed to each part of the suite. */
export interface ContractContext {
  readonly harness: () => ContractHarness;
  /** Opens a bus that is closed after the test. */
  readonly open: (options?: OpenOptions) => Promise<Bus>;
  /** The logger of the current test's buses. */
  readonly log: () => RecordingLogger;
  /** A name unique within the run (for subjects, streams, durables, buckets). */
  readonly unique: (label: string) => string;
}

export const PingC = envelope('Ping', t.strict({ n: t.number }));
export type Ping = t.TypeOf<typeof PingC>;
export const ping = (n: number): Ping => ({
  id: `ping-${n}`,
  type: 'Ping',
  occurredAt: '2026-11-23T10:00:00.000Z',
  causationId: null,
  correlationId: 'contract',
  data: { n },
});

/** A message carrying an exact decimal. */
export const QuoteC = t.strict({ market: t.string, price: PriceC }, 'Quote');
export type Quote = t.TypeOf<typeof QuoteC>;

/** Accepts anything: to put what a strict codec rejects on the wire. */
export const AnyC: MessageCodec<unknown> = t.unknown;

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A stream spec with short windows, for one test. */
export function streamSpec(
  name: string,
  subjects: readonly string[],
  retention: StreamSpec['retention'] = 'limits',
): StreamSpec {
  return { name, subjects, retention, duplicateWindowMs: 60_000, maxAgeMs: 0 };
}

/** Collects what a handler receives and waits for it. */
export class Inbox<T> {
  readonly items: T[] = [];
  readonly push = (item: T): void => void this.items.push(item);

  /** Waits until at least `count` items arrived; returns them all. */
  async atLeast(count: number, timeoutMs?: number): Promise<T[]> {
    return eventually(() => {
      if (this.items.length < count) throw new Error(`received ${this.items.length} of ${count}`);
      return this.items;
    }, timeoutMs);
  }
}

/** Subscribes to the dead letters of subjects under `prefix`. */
export async function deadLetterInbox(bus: Bus, prefix: string): Promise<Inbox<DeadLetter>> {
  const inbox = new Inbox<DeadLetter>();
  await bus.deadLetters(inbox.push, { subject: `${prefix}.>` });
  return inbox;
}

/** Asserts that `promise` rejects with an error accepted by `guard`; returns the error. */
export async function rejectsWith<E>(
  promise: Promise<unknown>,
  guard: (e: unknown) => e is E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (guard(error)) return error;
    throw new Error(`rejected with an unexpected error: ${String(error)}`, { cause: error });
  }
  throw new Error('expected a rejection, got a result');
}
