import type { Bus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import type { Logger } from '@hoga/telemetry';
import type { AccountBook } from '../adapters/upbit/account-book.js';
import { toAccountState } from '../adapters/upbit/account-state.js';

/**
 * Publishes the account's balances on `hoga.account.state` (latest value): periodically, and
 * shortly after anything that changed them (fills, acceptances, myAsset frames), coalesced.
 */
export class AccountPublisher {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly book: AccountBook,
    private readonly clock: () => Date,
    private readonly logger: Logger,
    private readonly debounceMs = 200,
  ) {}

  /** Reads fresh balances and publishes them. */
  async publishNow(): Promise<void> {
    this.book.invalidate();
    const balances = await this.book.balances();
    await this.bus.publish(subjects.accountState(), toAccountState(balances, this.clock()));
  }

  /** The balances changed: refresh the cache now, publish soon. */
  changed(): void {
    this.book.invalidate();
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.publishNow().catch((error: unknown) =>
        this.logger.warn('account state not published', { error }),
      );
    }, this.debounceMs);
  }

  /** Cancels a pending publish. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
