import type { LivePublisher } from '../live/live-publisher.port.js';
import type { CommandReceipt } from './command-receipt.js';

/** The live channel of command receipts (append, key commandId). */
export const COMMANDS_CHANNEL = 'commands';

/**
 * The latest receipt of each recent command (at most `capacity`, the oldest command forgotten
 * first); every new receipt is also pushed on the `commands` live channel.
 */
export class ReceiptBook {
  readonly #latest = new Map<string, CommandReceipt>();

  constructor(
    private readonly live: LivePublisher,
    private readonly capacity: number,
  ) {}

  /** Records and pushes a receipt. */
  record(receipt: CommandReceipt): CommandReceipt {
    const known = this.#latest.has(receipt.commandId);
    this.#latest.set(receipt.commandId, receipt);
    if (!known && this.#latest.size > this.capacity) {
      const oldest = this.#latest.keys().next();
      if (oldest.done !== true) this.#latest.delete(oldest.value);
    }
    this.live.publish(COMMANDS_CHANNEL, receipt.commandId, receipt);
    return receipt;
  }

  /** The latest receipt of a command, if it is still remembered. */
  latest(commandId: string): CommandReceipt | undefined {
    return this.#latest.get(commandId);
  }

  get size(): number {
    return this.#latest.size;
  }
}
