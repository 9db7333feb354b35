import { type Decimal, ZERO } from '@hoga/model';

/** One currency of an account: available balance, amount locked by open orders, average cost. */
export interface Holding {
  readonly currency: string;
  readonly balance: Decimal;
  readonly locked: Decimal;
  /** Average KRW price paid per unit (0 for KRW and for coins never bought here). */
  readonly avgBuyPrice: Decimal;
}

/** Raised when an operation would make a balance negative: a bug, never a client error. */
export class LedgerInvariantError extends Error {
  override readonly name = 'LedgerInvariantError';
}

/** The balances of one account, in exact decimals. Every change keeps balance and locked >= 0. */
export class Ledger {
  private readonly holdings = new Map<string, Holding>();

  /** The holding of `currency` (zeros when the account never held it). */
  get(currency: string): Holding {
    return (
      this.holdings.get(currency) ?? { currency, balance: ZERO, locked: ZERO, avgBuyPrice: ZERO }
    );
  }

  /** Every currency the account holds or has held, KRW first. */
  list(): Holding[] {
    const all = [...this.holdings.values()];
    return [...all.filter((h) => h.currency === 'KRW'), ...all.filter((h) => h.currency !== 'KRW')];
  }

  /** Sets the available balance (an operator's deposit or withdrawal); locked is untouched. */
  setBalance(currency: string, amount: Decimal, avgBuyPrice?: Decimal): void {
    this.put({ ...this.get(currency), balance: amount, ...(avgBuyPrice ? { avgBuyPrice } : {}) });
  }

  /** Moves `amount` from available to locked; false (and no change) when not enough is available. */
  lock(currency: string, amount: Decimal): boolean {
    const h = this.get(currency);
    if (h.balance.lt(amount)) return false;
    this.put({ ...h, balance: h.balance.minus(amount), locked: h.locked.plus(amount) });
    return true;
  }

  /** Moves `amount` from locked back to available. */
  unlock(currency: string, amount: Decimal): void {
    const h = this.get(currency);
    this.put({ ...h, balance: h.balance.plus(amount), locked: h.locked.minus(amount) });
  }

  /** Removes `amount` from locked (spent by a fill). */
  spendLocked(currency: string, amount: Decimal): void {
    const h = this.get(currency);
    this.put({ ...h, locked: h.locked.minus(amount) });
  }

  /** Adds `amount` to the available balance. */
  credit(currency: string, amount: Decimal): void {
    const h = this.get(currency);
    this.put({ ...h, balance: h.balance.plus(amount) });
  }

  /** Adds bought coins and updates the average buy price (KRW per unit, fees excluded). */
  creditPurchase(currency: string, volume: Decimal, price: Decimal): void {
    const h = this.get(currency);
    const held = h.balance.plus(h.locked);
    const total = held.plus(volume);
    const avg = total.isZero()
      ? ZERO
      : h.avgBuyPrice.mul(held).plus(price.mul(volume)).div(total).toDecimalPlaces(8);
    this.put({ ...h, balance: h.balance.plus(volume), avgBuyPrice: avg });
  }

  /** Replaces every holding with those of a saved state (persistence). */
  restore(holdings: readonly Holding[]): void {
    this.holdings.clear();
    for (const h of holdings) this.put(h);
  }

  private put(h: Holding): void {
    if (h.balance.lt(0) || h.locked.lt(0)) {
      throw new LedgerInvariantError(
        `${h.currency} would go negative: ${h.balance.toString()} / ${h.locked.toString()}`,
      );
    }
    const emptied = h.currency !== 'KRW' && h.balance.plus(h.locked).isZero();
    this.holdings.set(h.currency, emptied ? { ...h, avgBuyPrice: ZERO } : h);
  }
}
