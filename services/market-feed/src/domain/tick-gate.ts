import { KRW_TICK_BANDS, tickRejection, type Decimal, type TickRejectionReason } from '@hoga/model';

/** The bands whose tick is a whole number of KRW, as numbers: [lower bound, tick], highest first. */
const WHOLE_BANDS: readonly (readonly [number, number])[] = KRW_TICK_BANDS.filter(([, tick]) =>
  tick.isInteger(),
).map(([lower, tick]) => [lower.toNumber(), tick.toNumber()] as const);
/** Prices from here up fall in a band of {@link WHOLE_BANDS} (100 KRW: tick 1). */
const WHOLE_FROM = WHOLE_BANDS[WHOLE_BANDS.length - 1]![0];

/**
 * The model's {@link tickRejection} (market of the frame, price on Upbit's KRW tick grid), with
 * the same answers, decided without Decimal arithmetic for the prices most trades have: a whole
 * number from 100 KRW up to 2^53 is on the grid when the number is a multiple of its band's tick
 * (exact in floating point below 2^53). Every other price (fractions, below 100 KRW, huge, zero or
 * negative) goes to the model's Decimal check.
 */
export function feedTickRejection(
  frameMarket: string,
  market: string,
  price: Decimal,
): TickRejectionReason | null {
  if (market === frameMarket && price.isInteger()) {
    const n = price.toNumber();
    if (n >= WHOLE_FROM && n <= Number.MAX_SAFE_INTEGER)
      for (const [lower, tick] of WHOLE_BANDS)
        if (n >= lower) return n % tick === 0 ? null : 'off-tick-grid';
  }
  return tickRejection(frameMarket, { market, price });
}
