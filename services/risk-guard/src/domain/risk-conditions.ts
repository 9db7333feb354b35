import type { ExchangeAccessState, RiskCondition } from '@hoga/contracts';
import type { Market } from '@hoga/model';

/** A market with holdings and no tick for too long, since when it is quiet (ISO time). */
export interface QuietMarket {
  readonly market: Market;
  readonly lastTickAt: string;
}

/**
 * What keeps trading from working as the trading state says, without changing it: the
 * account's access to Upbit (from order-executor on `hoga.account.access`) and the markets whose
 * feed went quiet while positions hold coins (from the watchdog). Shown in the risk view and so
 * in `hoga risk status`; each clears by itself.
 */
export class RiskConditions {
  #access: ExchangeAccessState['data'] | undefined;
  #quiet: readonly QuietMarket[] = [];

  /** The latest access state; true when what it shows changed. */
  setAccess(access: ExchangeAccessState['data']): boolean {
    const before = this.#access;
    this.#access = access;
    return (
      before?.status !== access.status ||
      before.problem !== access.problem ||
      before.heldExits.length !== access.heldExits.length
    );
  }

  /** The quiet markets now (sorted by market); true when the set changed. */
  setQuiet(quiet: readonly QuietMarket[]): boolean {
    const key = (q: readonly QuietMarket[]) => q.map((m) => m.market).join();
    const changed = key(quiet) !== key(this.#quiet);
    this.#quiet = quiet;
    return changed;
  }

  /** The conditions now, access first. */
  list(): RiskCondition[] {
    const out: RiskCondition[] = [];
    const a = this.#access;
    if (a?.status === 'lost' && a.since !== null)
      out.push({
        kind: 'exchange-access',
        reason: a.reason.slice(0, 500),
        since: a.since,
        markets: [...new Set(a.heldExits.map((h) => h.market))].sort(),
      });
    if (this.#quiet.length > 0) {
      const since = this.#quiet.map((q) => q.lastTickAt).sort()[0] ?? '';
      const names = this.#quiet.map((q) => q.market).join(', ');
      out.push({
        kind: 'market-feed-quiet',
        reason:
          `no tick from ${names} while positions hold coins: their stops and the loss limit see stale prices`.slice(
            0,
            500,
          ),
        since,
        markets: this.#quiet.map((q) => q.market),
      });
    }
    return out;
  }
}
