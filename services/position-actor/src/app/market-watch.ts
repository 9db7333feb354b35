import { randomUUID } from 'node:crypto';
import type { Bus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import type { Market } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';

/** Timing of the watch lease. */
export interface MarketWatchTiming {
  /** Lease TTL asked for; renewed every ttl/3. */
  readonly ttlMs: number;
  /** Request timeout. */
  readonly timeoutMs: number;
}

/**
 * Keeps a market-feed watch lease (`ops('market-feed','watch')`) on the markets this instance
 * holds: renewed every ttl/3 and whenever the set changes, released (empty list) on stop.
 * A feed that does not answer is logged at debug level; the lease is tried again next time.
 */
export class MarketWatch {
  #timer: NodeJS.Timeout | undefined;
  #markets: () => readonly string[] = () => [];
  #sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly bus: Bus,
    private readonly logger: Logger,
    private readonly holder: string,
    private readonly timing: MarketWatchTiming,
  ) {}

  /** Starts renewing with the markets `markets()` returns at each renewal. */
  start(markets: () => readonly string[]): void {
    this.#markets = markets;
    this.renew();
    this.#timer = setInterval(() => this.renew(), Math.floor(this.timing.ttlMs / 3));
  }

  /** Sends the current markets now (after any send in flight). */
  renew(): void {
    if (this.#timer === undefined) return;
    this.#sending = this.#sending.then(() => this.#send(this.#markets() as Market[]));
  }

  /** Stops renewing and releases the lease. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#sending;
    await this.#send([]);
  }

  async #send(markets: readonly Market[]): Promise<void> {
    const id = randomUUID();
    try {
      await this.bus.request(
        subjects.ops('market-feed', 'watch'),
        {
          id,
          type: 'WatchMarkets',
          occurredAt: new Date().toISOString(),
          causationId: null,
          correlationId: id,
          data: { holder: this.holder, markets: [...markets], ttlMs: this.timing.ttlMs },
        },
        { timeoutMs: this.timing.timeoutMs },
      );
    } catch (error) {
      this.logger.debug('market watch not renewed', { holder: this.holder, error });
    }
  }
}
