import type { UpbitAccount } from '@hoga/upbit';
import type { UpbitGateway } from './upbit-gateway.js';

/** A read of the balances in flight, and the invalidation generation it started in. */
interface Reading {
  readonly generation: number;
  readonly balances: Promise<readonly UpbitAccount[]>;
}

/**
 * The account's balances for pre-trade checks: read from `GET /v1/accounts`, reused for
 * `ttlMs`, and read again after {@link AccountBook.invalidate} (on fills, acceptances and
 * myAsset changes). Concurrent readers share one request, but never one that started before the
 * last invalidation: an entry checked right after another was accepted must see its KRW locked.
 */
export class AccountBook {
  #cached: { readonly at: number; readonly balances: readonly UpbitAccount[] } | undefined;
  #reading: Reading | undefined;
  #generation = 0;

  constructor(
    private readonly gateway: Pick<UpbitGateway, 'balances'>,
    private readonly ttlMs: number,
    private readonly clock: () => Date,
  ) {}

  /** The balances, fresh within the TTL and read after the last invalidation. */
  async balances(): Promise<readonly UpbitAccount[]> {
    const now = this.clock().getTime();
    if (this.#cached && now - this.#cached.at < this.ttlMs) return this.#cached.balances;
    const shared = this.#reading;
    if (shared !== undefined && shared.generation === this.#generation) return shared.balances;
    const reading: Reading = {
      generation: this.#generation,
      balances: this.#read(this.#generation),
    };
    this.#reading = reading;
    const settled = () => {
      if (this.#reading === reading) this.#reading = undefined;
    };
    reading.balances.then(settled, settled);
    return reading.balances;
  }

  /** Forgets the cached balances: the next read asks Upbit. */
  invalidate(): void {
    this.#cached = undefined;
    this.#generation += 1;
  }

  async #read(generation: number): Promise<readonly UpbitAccount[]> {
    const at = this.clock().getTime();
    const balances = await this.gateway.balances();
    if (generation === this.#generation) this.#cached = { at, balances };
    return balances;
  }
}
