import * as t from 'io-ts';
import { DecimalC } from '@hoga/model';
import { loadConfig } from './load-config.js';

/** An integer from JSON or from an environment string, at least `min`. */
const intFrom = (name: string, min: number) =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min,
    (u, c) => {
      const n = typeof u === 'string' && u.trim() !== '' ? Number(u) : u;
      return typeof n === 'number' && Number.isInteger(n) && n >= min
        ? t.success(n)
        : t.failure(u, c);
    },
    t.identity,
  );

/**
 * The price sanity rule of the tick gate (ADR 0024), the `priceSanity` section of
 * position-actor's and risk-guard's config, `HOGA_PRICE_SANITY__*`: a trade within
 * ±`BAND_PCT` % (above 0, below 100) of the median of the last `WINDOW` accepted trades goes on
 * at once; one outside is held until `CONFIRM_TRADES` further trades confirm its level (0: no
 * hold). A genuine move beyond the band is delayed by exactly that many trades.
 */
export const PriceSanityConfig = t.strict(
  {
    bandPct: t.refinement(DecimalC, (d) => d.gt(0) && d.lt(100), 'BandPct(0..100)'),
    window: intFrom('Window(1+)', 1),
    confirmTrades: intFrom('ConfirmTrades(0+)', 0),
  },
  'PriceSanityConfig',
);
export type PriceSanityConfig = t.TypeOf<typeof PriceSanityConfig>;

/** The defaults: ±10 %, the median of the last 5 accepted trades, 2 confirming trades. */
export const DEFAULT_PRICE_SANITY_CONFIG = { bandPct: '10', window: 5, confirmTrades: 2 };

/**
 * The section alone, from its defaults <- `HOGA_PRICE_SANITY__*` (for a composition that starts
 * services without their whole configuration: the all-in-one). Throws a `ConfigError`.
 */
export function loadPriceSanity(env: NodeJS.ProcessEnv = process.env): PriceSanityConfig {
  const own = Object.fromEntries(
    Object.entries(env).filter(([k]) => k.startsWith('HOGA_PRICE_SANITY__')),
  );
  return loadConfig(t.strict({ priceSanity: PriceSanityConfig }), {
    env: own,
    defaults: { priceSanity: DEFAULT_PRICE_SANITY_CONFIG },
  }).priceSanity;
}
