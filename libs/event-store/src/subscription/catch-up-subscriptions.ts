import type {
  Checkpoint,
  ReadAllOptions,
  ReadAllResult,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import { checkpointOf } from '../checkpoint.js';
import { AppendSignal, delay } from './append-signal.js';

const DEFAULT_BATCH_SIZE = 100;
const DEFAULT_POLL_MS = 250;

/**
 * The catch-up subscriptions of one store, built on its `readAll`: each pages through the events
 * after its checkpoint, hands them to the handler one at a time, in order, then polls for more
 * (woken early by `appends.notify()`). A failed read is retried; a failed handler stops it.
 */
export class CatchUpSubscriptions {
  /** Notify after every committed append. */
  readonly appends = new AppendSignal();
  readonly #active = new Set<() => Promise<void>>();

  constructor(private readonly readAll: (options: ReadAllOptions) => Promise<ReadAllResult>) {}

  /** Starts a subscription from `from` (exclusive). */
  start(
    from: Checkpoint,
    handler: (event: RecordedEvent) => Promise<void>,
    options: SubscribeOptions = {},
  ): Subscription {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new RangeError(`subscribe: batchSize ${batchSize} must be a positive integer`);
    if (!(pollMs >= 0)) throw new RangeError(`subscribe: pollMs ${pollMs} must be >= 0`);
    const stop = new AbortController();
    const unsubscribe = async (): Promise<void> => {
      stop.abort();
      await done.catch(() => undefined);
    };
    this.#active.add(unsubscribe);
    // Not caught here on purpose: a handler failure nobody observes is an unhandled rejection.
    const done = this.#run(
      from,
      handler,
      { batchSize, pollMs, onReadError: options.onReadError },
      stop.signal,
    ).finally(() => this.#active.delete(unsubscribe));
    return { done, unsubscribe };
  }

  /** Stops every running subscription. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#active].map((unsubscribe) => unsubscribe()));
  }

  async #run(
    from: Checkpoint,
    handler: (event: RecordedEvent) => Promise<void>,
    options: {
      batchSize: number;
      pollMs: number;
      onReadError: ((error: unknown) => void) | undefined;
    },
    stopped: AbortSignal,
  ): Promise<void> {
    let checkpoint = from;
    while (!stopped.aborted) {
      const seen = this.appends.generation;
      let page: ReadAllResult;
      try {
        page = await this.readAll({ after: checkpoint, limit: options.batchSize });
      } catch (error) {
        if (stopped.aborted) return;
        options.onReadError?.(error);
        await delay(options.pollMs, stopped);
        continue;
      }
      for (const event of page.events) {
        if (stopped.aborted) return;
        await handler(event);
        checkpoint = checkpointOf(event);
      }
      if (page.events.length < options.batchSize)
        await this.appends.wait(options.pollMs, seen, stopped);
    }
  }
}
