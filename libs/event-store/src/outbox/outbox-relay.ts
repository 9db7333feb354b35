import type { EventStore, NewOutboxMessage, OutboxMessage } from '../event-store.port.js';
import { assertPositiveInteger } from '../input-checks.js';
import { AppendSignal, delay } from '../subscription/append-signal.js';
import { SentMarks } from './sent-marks.js';

/** Publishes one outbox message to the bus. It must use `message.id` as the dedup id. */
export interface OutboxPublisher {
  publish(message: OutboxMessage): Promise<unknown>;
}

/** What the relay needs of a store. */
export type OutboxStore = Pick<
  EventStore,
  'pendingOutbox' | 'markOutboxSent' | 'recordOutboxFailure'
>;

export interface OutboxRelayOptions {
  /** Rows read per pass (default 100). */
  readonly batchSize?: number;
  /** Wait between passes when the outbox is drained (default 200 ms); `wake()` cuts it short. */
  readonly pollMs?: number;
  /** After failures the wait doubles up to this (default 10 s). */
  readonly maxBackoffMs?: number;
  /** Told about a failed publish (with its message) or a failed pass (without). */
  readonly onError?: (error: unknown, message?: OutboxMessage) => void;
}

export interface RelayPassResult {
  /** Messages published and marked sent. */
  readonly published: number;
  /** The message whose publish failed (it stays pending, attempts + 1), if one did. */
  readonly failed: OutboxMessage | undefined;
  /** True when the pass read a full batch, so more may be pending. */
  readonly more: boolean;
}

const describe = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 1000);

/** Ids published by passes, remembered so an offer of the same rows does not publish them twice. */
const REMEMBERED_IDS = 10_000;

/**
 * Publishes pending outbox rows in order and marks them sent. At least once: a crash after a
 * publish and before the mark publishes the row again, which the bus drops as a duplicate of
 * its id (JetStream `Nats-Msg-Id` within the stream's duplicate window) and consumers
 * deduplicate by id after that. A failed publish stops the pass, so rows are never reordered;
 * the row stays pending with `attempts` + 1 and is retried after a back-off.
 *
 * Fast path: the writer hands over the rows it has just committed (`offer`); when the last pass
 * left nothing pending and nothing failed since, they are published at once, without reading
 * the table back (one database round trip and a loop turn saved on the order path). Otherwise
 * the offer only wakes the loop. Passes and offers run one at a time, so rows keep their order.
 * An offer's rows are marked sent in the background ({@link SentMarks}): the next offer does not
 * wait for that round trip and commit. A pass waits for those marks before it reads the table,
 * so it does not publish them again; a failed mark is reported, leaves its rows pending and wakes
 * the loop, whose pass publishes them again (at least once, as after a crash).
 */
export class OutboxRelay {
  readonly #batchSize: number;
  readonly #pollMs: number;
  readonly #maxBackoffMs: number;
  readonly #wakeUp = new AppendSignal();
  #stop: AbortController | undefined;
  #loop: Promise<void> | undefined;
  /** Passes and offers, one at a time. */
  #lane: Promise<unknown> = Promise.resolve();
  /** True when the last pass drained the table and no publish failed since. */
  #clean = false;
  readonly #passed = new Set<string>();
  readonly #marks: SentMarks;

  constructor(
    private readonly store: OutboxStore,
    private readonly publisher: OutboxPublisher,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.#batchSize = options.batchSize ?? 100;
    this.#pollMs = options.pollMs ?? 200;
    this.#maxBackoffMs = options.maxBackoffMs ?? 10_000;
    assertPositiveInteger('OutboxRelay batchSize', this.#batchSize);
    this.#marks = new SentMarks(
      (ids) => this.store.markOutboxSent(ids),
      (error) => {
        this.#clean = false;
        this.options.onError?.(error);
        this.wake();
      },
    );
  }

  /**
   * One pass: publishes pending rows oldest first until one fails, then marks the published ones
   * sent. It first waits for the offers' marks still in flight, so it does not read those rows
   * as pending and publish them again.
   */
  relayOnce(): Promise<RelayPassResult> {
    return this.#inLane(async () => {
      await this.#marks.settled();
      const pending = await this.store.pendingOutbox(this.#batchSize);
      const result = await this.#publishInOrder(pending, 'now');
      if (this.#passed.size > REMEMBERED_IDS) this.#passed.clear();
      for (const message of pending) this.#passed.add(message.id);
      const more = pending.length === this.#batchSize;
      this.#clean = result.failed === undefined && !more;
      return { ...result, more };
    });
  }

  /**
   * Rows the caller has just committed: published at once when nothing older is pending (the
   * last pass drained the table and nothing failed since), else left to the loop, which this
   * wakes. Never throws; a failed publish leaves the row pending (attempts + 1) for the loop.
   */
  offer(rows: readonly NewOutboxMessage[]): void {
    if (rows.length === 0) return;
    void this.#inLane(async () => {
      const fresh = rows.filter((row) => !this.#passed.has(row.id));
      const running = this.#stop !== undefined && !this.#stop.signal.aborted;
      if (fresh.length === 0) return;
      if (!this.#clean || !running) return this.wake();
      const createdAt = new Date();
      const messages = fresh.map((row): OutboxMessage => ({
        ...row,
        headers: row.headers ?? {},
        createdAt,
        attempts: 0,
        lastError: null,
      }));
      const { failed } = await this.#publishInOrder(messages, 'later');
      if (failed === undefined) return;
      this.#clean = false;
      this.wake();
    }).catch((error: unknown) => {
      this.#clean = false;
      this.options.onError?.(error);
      this.wake();
    });
  }

  /** Publishes until one fails; marks the published ones sent `now` (a pass) or `later` (an offer). */
  async #publishInOrder(
    messages: readonly OutboxMessage[],
    mark: 'now' | 'later',
  ): Promise<{ published: number; failed: OutboxMessage | undefined }> {
    const published: string[] = [];
    let failed: OutboxMessage | undefined;
    let failure: unknown;
    for (const message of messages) {
      try {
        await this.publisher.publish(message);
        published.push(message.id);
      } catch (error) {
        failed = message;
        failure = error;
        break;
      }
    }
    if (mark === 'now') {
      if (published.length > 0) await this.store.markOutboxSent(published);
    } else this.#marks.add(published);
    if (failed) {
      await this.store.recordOutboxFailure(failed.id, describe(failure));
      this.options.onError?.(failure, failed);
    }
    return { published: published.length, failed };
  }

  #inLane<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#lane.then(work, work);
    this.#lane = run.catch(() => undefined);
    return run;
  }

  /** Starts relaying in the background until `stop()`. */
  start(): void {
    if (this.#loop) return;
    const stop = new AbortController();
    this.#stop = stop;
    this.#loop = this.#run(stop.signal);
  }

  /** Cuts the current wait short (call after appending with outbox rows). */
  wake(): void {
    this.#wakeUp.notify();
  }

  /** Stops relaying; resolves once the pass or offer in flight has finished. */
  async stop(): Promise<void> {
    this.#stop?.abort();
    await this.#loop;
    await this.#lane;
    await this.#marks.settled();
    this.#loop = undefined;
    this.#stop = undefined;
  }

  async #run(stopped: AbortSignal): Promise<void> {
    let failures = 0;
    while (!stopped.aborted) {
      const seen = this.#wakeUp.generation;
      let pass: RelayPassResult | undefined;
      try {
        pass = await this.relayOnce();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (pass && !pass.failed) {
        failures = 0;
        if (pass.more) continue;
        await this.#wakeUp.wait(this.#pollMs, seen, stopped);
      } else {
        failures += 1;
        await delay(Math.min(this.#pollMs * 2 ** failures, this.#maxBackoffMs), stopped);
      }
    }
  }
}
