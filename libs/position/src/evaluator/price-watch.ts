import * as E from 'fp-ts/lib/Either.js';
import { Decimal, krwTickSize, type Price } from '@hoga/model';
import type { PositionSnapshot } from '../machine/position-snapshot.js';
import { decodeStrategySpec, type StrategySpec } from '../strategy/index.js';
import { exitLevels, trailingStopFor, type ExitLevels } from './exit-levels.js';

/**
 * The evaluator's tick memory for one position, beside its durable snapshot: the decoded spec,
 * the exit levels, the last price and the peak since entry. Mutable on purpose (the tick hot
 * path updates it without allocating); none of it is needed to replay, and a restart rebuilds
 * it from the snapshot (the peak from the last `PeakPriceRaised`).
 */
export interface PriceWatch {
  spec: StrategySpec | null;
  levels: ExitLevels | null;
  last: Price | null;
  /** The last tick price the caller vouched for (`priceConfirmed`): the only tick that decides dust. */
  confirmed: Price | null;
  peak: Price | null;
  /** Trailing stop level; null until armed. */
  trailStop: Decimal | null;
  /** The in-memory peak at or above which a `PeakPriceRaised` is due. */
  persistAt: Decimal | null;
}

/** An empty watch (filled by `syncWatch`). */
export const newWatch = (): PriceWatch => ({
  spec: null,
  levels: null,
  last: null,
  confirmed: null,
  peak: null,
  trailStop: null,
  persistAt: null,
});

/** The spec stored in `PositionOpened`; a stored spec that no longer decodes is a broken invariant. */
function specOf(strategy: unknown): StrategySpec {
  const decoded = decodeStrategySpec(strategy);
  if (E.isLeft(decoded))
    throw new Error(`stored strategy spec does not decode: ${decoded.left.message}`);
  return decoded.right;
}

const exitSpecs = new WeakMap<object, StrategySpec['exit']>();

/**
 * The exit levels of an activated position from its snapshot alone (null before activation):
 * what `syncWatch` computes, for a reader without a watch (the history's fold). The decoded exit
 * spec is kept per `PositionInfo` object.
 */
export function exitLevelsOf(s: PositionSnapshot): ExitLevels | null {
  const c = s.context;
  if (c.info === null || c.activation === null) return null;
  let exit = exitSpecs.get(c.info);
  if (exit === undefined) {
    exit = specOf(c.info.strategy).exit;
    exitSpecs.set(c.info, exit);
  }
  return exitLevels(exit, c.activation.avgEntryPrice, c.activation.at);
}

/** Arms and places the trailing stop for `peak`, the watch's peak now. */
function placeTrailingStop(w: PriceWatch, peak: Price): void {
  // Stryker disable next-line ConditionalExpression: called only once the levels are set
  w.trailStop = w.levels === null ? null : trailingStopFor(w.levels, peak);
}

/**
 * The throttle of `PeakPriceRaised`: due once the in-memory peak is at least
 * `max(1 tick, persisted x step)` above the persisted peak (step = 10 % of the trailing stop
 * percentage, or 1 % without one), or reaches the trailing activation level. After a restart
 * the trailing stop is therefore at most one step x (1 − trailing %) below where it would have
 * been — less than 10 % of the trailing distance, or one tick — and it is never left unarmed.
 */
function schedulePersist(w: PriceWatch, persisted: Price): void {
  const l = w.levels!;
  const step = Decimal.max(krwTickSize(persisted), persisted.mul(l.peakStepShare));
  const next = persisted.plus(step);
  w.persistAt =
    l.trailArmAt !== null && persisted.lt(l.trailArmAt) ? Decimal.min(next, l.trailArmAt) : next;
}

/** Brings the watch in line with a new snapshot (after events were applied or on restore). */
export function syncWatch(w: PriceWatch, s: PositionSnapshot): void {
  const c = s.context;
  // The spec is decoded once; the levels are recomputed (a few decimal operations, only when
  // events were applied) rather than cached, so no cache can go stale.
  if (c.info !== null) w.spec ??= specOf(c.info.strategy);
  if (c.activation === null || w.spec === null) return;
  w.levels = exitLevels(w.spec.exit, c.activation.avgEntryPrice, c.activation.at);
  const persisted = c.peakPrice ?? c.activation.avgEntryPrice;
  const peak = w.peak === null || w.peak.lt(persisted) ? persisted : w.peak;
  w.peak = peak;
  schedulePersist(w, persisted);
  placeTrailingStop(w, peak);
}

/** Records a new in-memory peak (the caller checked `price > peak`). */
export function raisePeak(w: PriceWatch, price: Price): void {
  w.peak = price;
  placeTrailingStop(w, price);
}
