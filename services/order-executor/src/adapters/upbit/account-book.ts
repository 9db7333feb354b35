import type { UpbitAccount } from '@hoga/upbit';
import type { UpbitGateway } from './upbit-gateway.js';

/**
 * The account's balances for pre-trade checks: read from `GET /v1/accounts`, reused for
 * `ttlMs`, and read again after {@link AccountBook.invalidate} (on fills, acceptances and
 * myAsset changes). Concurrent readers share one request.
 */
export class AccountBook {
  #cached: { readonly at: number; readonly balances: readonly UpbitAccount[] } | undefined;
  #reading: Promise<readonly UpbitAccount[]> | undefined;
  #generation = 0;

  constructor(
    private readonly gateway: UpbitGateway,
    private readonly ttlMs: number,
    private readonly clock: () => Date,
  ) {}

  /** The balances, fresh within the TTL. */
  async balances(): Promise<readonly UpbitAccount[]> {
    const now = this.clock().getTime();
    if (this.#cached && now - this.#cached.at < this.ttlMs) return this.#cached.balances;
    this.#reading ??= this.#read();
    return this.#reading;
  }

  /** Forgets the cached balances: the next read asks Upbit. */
  invalidate(): void {
    this.#cached = undefined;
    this.#generation += 1;
  }

  async #read(): Promise<readonly UpbitAccount[]> {
    const generation = this.#generation;
    const at = this.clock().getTime();
    try {
      const balances = await this.gateway.balances();
      if (generation === this.#generation) this.#cached = { at, balances };
      return balances;
    } finally {
      this.#reading = undefined;
    }
  }
}
