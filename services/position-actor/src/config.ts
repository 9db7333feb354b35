import * as t from 'io-ts';
import { loadConfig } from '@hoga/config';
import { DecimalC } from '@hoga/model';

const PositiveInt = t.refinement(t.number, (n) => Number.isInteger(n) && n > 0, 'PositiveInt');
/** A positive integer, also from an environment string (`"50"`). */
const PositiveIntFromString = new t.Type<number, number, unknown>(
  'PositiveInt',
  PositiveInt.is,
  (u, c) => PositiveInt.validate(typeof u === 'string' && u.trim() !== '' ? Number(u) : u, c),
  t.identity,
);

const NonNegativeIntFromString = new t.Type<number, number, unknown>(
  'NonNegativeInt',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 0,
  (u, c) => {
    const n = typeof u === 'string' && u.trim() !== '' ? Number(u) : u;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? t.success(n) : t.failure(u, c);
  },
  t.identity,
);
/** A band in percent: above 0, below 100. */
const BandPct = t.refinement(DecimalC, (d) => d.gt(0) && d.lt(100), 'BandPct(0..100)');

/**
 * The price sanity rule of the tick path (ADR 0024), `HOGA_POSITION_ACTOR__PRICE_SANITY__*`:
 * a trade within ±`BAND_PCT` % of the median of the last `WINDOW` accepted trades reaches the
 * positions at once; one outside is held until `CONFIRM_TRADES` further trades confirm its
 * level (0: no hold). A genuine move beyond the band is delayed by exactly that many trades.
 */
export const PriceSanityConfig = t.strict({
  bandPct: BandPct,
  window: PositiveIntFromString,
  confirmTrades: NonNegativeIntFromString,
});

/** The defaults of {@link PriceSanityConfig}: ±10 %, median of 5, 2 confirming trades. */
export const DEFAULT_PRICE_SANITY_CONFIG = { bandPct: '10', window: 5, confirmTrades: 2 };

/**
 * The price sanity settings alone, from defaults <- `HOGA_POSITION_ACTOR__PRICE_SANITY__*`
 * (the all-in-one starts position-actor without its full configuration). Throws a
 * `ConfigError` naming the bad field.
 */
export const loadPriceSanity = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(t.strict({ positionActor: t.strict({ priceSanity: PriceSanityConfig }) }), {
    env: { ...pick(env, 'HOGA_POSITION_ACTOR__PRICE_SANITY__') },
    defaults: { positionActor: { priceSanity: DEFAULT_PRICE_SANITY_CONFIG } },
  }).positionActor.priceSanity;

const pick = (env: NodeJS.ProcessEnv, prefix: string): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith(prefix)));

/**
 * The configuration of position-actor (file + `HOGA_*` environment, see `loadConfig`):
 * `HOGA_NATS__URL`, `HOGA_DATABASE__URL`, `HOGA_POSITION_ACTOR__FEE_RATE`, ...
 */
export const PositionActorConfig = t.strict({
  nats: t.strict({ url: t.string, namespace: t.string }),
  database: t.strict({ url: t.string }),
  positionActor: t.strict({
    /** Exchange fee rate (Upbit KRW: 0.0005). */
    feeRate: DecimalC,
    /** A snapshot is stored each time a stream crosses a multiple of this version. */
    snapshotEvery: PositiveIntFromString,
    /** At most one state publication per position per this many ms on ticks. */
    stateThrottleMs: PositiveIntFromString,
    /** Partitions the positions are spread over (same value on every instance). */
    partitions: PositiveIntFromString,
    /** Lease loop period: acquire free partitions, release surplus. */
    leaseIntervalMs: PositiveIntFromString,
    /** The price sanity rule of the tick path (ADR 0024). */
    priceSanity: PriceSanityConfig,
  }),
});
export type PositionActorConfig = t.TypeOf<typeof PositionActorConfig>;

/** Defaults below the file and the environment. */
export const DEFAULT_CONFIG = {
  nats: { url: 'nats://127.0.0.1:4222', namespace: '' },
  database: { url: 'postgres://postgres@127.0.0.1:5432/hoga' },
  positionActor: {
    feeRate: '0.0005',
    snapshotEvery: 50,
    stateThrottleMs: 1000,
    partitions: 16,
    leaseIntervalMs: 3000,
    priceSanity: DEFAULT_PRICE_SANITY_CONFIG,
  },
};
