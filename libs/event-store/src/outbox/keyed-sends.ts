import type { OutboxMessage } from '../event-store.port.js';

/**
 * Sends a message and tells whether the bus took it (true) or not (false: the caller has
 * recorded the failure); it never throws.
 */
export type SendOne = (message: OutboxMessage) => Promise<boolean>;

/** A row's ordering key ({@link NewOutboxMessage.orderingKey}): by default its subject. */
export const orderingKeyOf = (message: OutboxMessage): string =>
  message.orderingKey ?? message.subject;

/**
 * Publishes without waiting for the acknowledgements of earlier rows, except of earlier rows of
 * the same ordering key: a row is sent once every earlier row of its key was taken, and not at
 * all once one of them was not (it stays pending, and the relay's pass publishes it again in
 * the table's order). So over NATS an exit's order does not queue behind the acknowledgements
 * of other positions' rows, and no row ever passes an earlier row of its key.
 */
export class KeyedSends {
  /** The last send of each key still in flight: the next row of that key goes after it. */
  readonly #tails = new Map<string, Promise<boolean>>();
  readonly #inFlight = new Set<Promise<boolean>>();

  constructor(private readonly sendOne: SendOne) {}

  /** Starts the send of `message` now (when no earlier row of its key is in flight) or after. */
  send(message: OutboxMessage): void {
    const key = orderingKeyOf(message);
    const before = this.#tails.get(key);
    const run =
      before === undefined
        ? this.sendOne(message)
        : before.then((taken) => (taken ? this.sendOne(message) : false));
    this.#tails.set(key, run);
    this.#inFlight.add(run);
    void run.then(() => {
      this.#inFlight.delete(run);
      if (this.#tails.get(key) === run) this.#tails.delete(key);
    });
  }

  /** Resolves once every send started so far has ended (taken, failed or not sent). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }
}
