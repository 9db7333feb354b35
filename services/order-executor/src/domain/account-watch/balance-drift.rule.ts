import type { AccountFinding, FindingPolicy } from '@hoga/contracts';
import { krw, MIN_ORDER_KRW, volume, type Decimal, type Krw, type Volume } from '@hoga/model';

/** What hoga's own orders hold on one market: Σ executed entries − Σ executed exits. */
export interface MarketHolding {
  readonly market: string;
  readonly hogaVolume: Volume;
  /** Σ entry funds / Σ entry volume; null when nothing was bought. */
  readonly avgEntryPrice: Decimal | null;
}

/** One coin on the exchange: balance + locked, and Upbit's average buy price. */
export interface CoinBalance {
  readonly currency: string;
  readonly total: Volume;
  readonly avgBuyPrice: Decimal;
}

/** A market whose coins on the exchange fall short of hoga's holdings by more than dust. */
export interface DriftCandidate {
  readonly market: string;
  readonly currency: string;
  readonly exchangeVolume: Volume;
  readonly hogaVolume: Volume;
  readonly missingVolume: Volume;
  readonly missingKrw: Krw;
  /** Same figures, same key: a drift is confirmed when two checks in a row see the same key. */
  readonly key: string;
}

/** The base currency of a market code (`KRW-BTC` -> `BTC`); null for a code without one. */
const currencyOf = (market: string): string | null => {
  const dash = market.indexOf('-');
  return dash > 0 && dash < market.length - 1 ? market.slice(dash + 1) : null;
};

/**
 * Markets whose exchange balance (balance + locked) is below what hoga's orders hold by more
 * than dust (missing volume × reference price below Upbit's minimum order, 5,000 KRW: the exit
 * of what is missing could not be placed anyway). Reference price: hoga's average entry price,
 * else Upbit's average buy price; with neither the shortfall is never dust. Markets in `busy`
 * (a hoga order live there: balances move before hoga records the trades) are skipped. More
 * coins than hoga holds is not a drift (the user's own coins): see {@link unmanagedVolume}.
 */
export function balanceShortfalls(
  holdings: readonly MarketHolding[],
  balances: readonly CoinBalance[],
  busy: ReadonlySet<string>,
  minOrderKrw: Krw = MIN_ORDER_KRW,
): DriftCandidate[] {
  const found: DriftCandidate[] = [];
  for (const h of holdings) {
    const currency = currencyOf(h.market);
    if (currency === null || busy.has(h.market) || h.hogaVolume.lte(0)) continue;
    const exchangeVolume = balances.find((b) => b.currency === currency)?.total ?? volume(0);
    const missing = h.hogaVolume.minus(exchangeVolume);
    if (missing.lte(0)) continue;
    const balancePrice = balances.find((b) => b.currency === currency)?.avgBuyPrice;
    const ref = h.avgEntryPrice ?? (balancePrice?.gt(0) ? balancePrice : null);
    const missingKrw = krw(ref === null ? 0 : missing.mul(ref).toDecimalPlaces(0));
    if (ref !== null && missingKrw.lt(minOrderKrw)) continue;
    found.push({
      market: h.market,
      currency,
      exchangeVolume: volume(exchangeVolume),
      hogaVolume: h.hogaVolume,
      missingVolume: volume(missing),
      missingKrw,
      key: `balance-drift:${h.market}:${h.hogaVolume.toFixed()}:${exchangeVolume.toFixed()}`,
    });
  }
  return found;
}

/**
 * Keeps the candidates seen with the same figures by the previous check too (`previous`: the
 * keys of the last check). A balance read between an exchange fill and hoga recording it shows
 * a shortfall once; a real one stays.
 */
export function confirmedDrifts(
  previous: ReadonlySet<string>,
  now: readonly DriftCandidate[],
): DriftCandidate[] {
  return now.filter((c) => previous.has(c.key));
}

/** The finding of a confirmed drift. */
export function driftFinding(
  c: DriftCandidate,
  detectedAt: Date,
  policy: FindingPolicy,
): AccountFinding {
  return {
    findingId: c.key.slice(0, 200),
    kind: 'balance-drift',
    market: c.market.slice(0, 32),
    side: null,
    ordType: null,
    price: null,
    volume: c.missingVolume,
    executedVolume: null,
    executedFunds: null,
    state: 'shortfall',
    exchangeOrderId: null,
    identifier: null,
    placedAt: null,
    detectedAt: detectedAt.toISOString(),
    source: 'balances',
    drift: {
      currency: c.currency.slice(0, 16),
      exchangeVolume: c.exchangeVolume,
      hogaVolume: c.hogaVolume,
      missingVolume: c.missingVolume,
      missingKrw: c.missingKrw,
    },
    policy,
  };
}

/** Per market: exchange volume, hoga's volume and the difference (shown, never alerted). */
export function holdingChecks(
  holdings: readonly MarketHolding[],
  balances: readonly CoinBalance[],
): { market: string; exchangeVolume: Volume; hogaVolume: Volume; unmanagedVolume: Decimal }[] {
  const markets = new Map<string, Volume>();
  for (const h of holdings) if (h.hogaVolume.gt(0)) markets.set(h.market, h.hogaVolume);
  for (const b of balances)
    if (
      b.currency !== 'KRW' &&
      b.total.gt(0) &&
      ![...markets.keys()].some((m) => currencyOf(m) === b.currency)
    )
      markets.set(`KRW-${b.currency}`, volume(0));
  return [...markets.entries()]
    .map(([market, hogaVolume]) => {
      const currency = currencyOf(market);
      const exchangeVolume = balances.find((b) => b.currency === currency)?.total ?? volume(0);
      return {
        market,
        exchangeVolume,
        hogaVolume,
        unmanagedVolume: exchangeVolume.minus(hogaVolume),
      };
    })
    .sort((a, b) => a.market.localeCompare(b.market));
}
