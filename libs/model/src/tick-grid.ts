import { Decimal } from './decimal.js';
import type { Price } from './money.js';

/** Upbit KRW tick bands since 2025-07-31: [lower bound inclusive, tick]. Highest first. */
export const KRW_TICK_BANDS: ReadonlyArray<readonly [Decimal, Decimal]> = [
  ['1000000', '1000'],
  ['500000', '500'],
  ['100000', '100'],
  ['50000', '50'],
  ['10000', '10'],
  ['5000', '5'],
  ['100', '1'],
  ['10', '0.1'],
  ['1', '0.01'],
  ['0.1', '0.001'],
  ['0.01', '0.0001'],
  ['0.001', '0.00001'],
  ['0.0001', '0.000001'],
  ['0.00001', '0.0000001'],
  ['0', '0.00000001'],
].map(([lo, tick]) => [new Decimal(lo!), new Decimal(tick!)] as const);

/** The tick size of the band a price falls in. */
export function krwTickSize(p: Decimal): Decimal {
  for (const [lower, tick] of KRW_TICK_BANDS) if (p.gte(lower)) return tick;
  return KRW_TICK_BANDS[KRW_TICK_BANDS.length - 1]![1];
}

export type TickRounding = 'down' | 'up' | 'nearest';

/**
 * Rounds a price onto the grid. `tickSize` overrides the band table (prefer the value
 * from /v1/orderbook/instruments when known). Bids usually round down, asks up.
 */
export function roundToTick(p: Decimal, mode: TickRounding = 'nearest', tickSize?: Decimal): Price {
  const tick = tickSize ?? krwTickSize(p);
  const units = p.div(tick);
  const rounded =
    mode === 'down'
      ? units.floor()
      : mode === 'up'
        ? units.ceil()
        : units.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return rounded.mul(tick) as Price;
}

/** True when a positive price lies on the tick grid of its band (or of `tickSize`). */
export function isOnTickGrid(p: Decimal, tickSize?: Decimal): boolean {
  if (!p.isFinite() || p.lte(0)) return false;
  const tick = tickSize ?? krwTickSize(p);
  return p.mod(tick).isZero();
}
