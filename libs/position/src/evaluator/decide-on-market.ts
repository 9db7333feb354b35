import type { ExitReason } from '@hoga/contracts';
import { compareDecimals, type Price } from '@hoga/model';
import type { DecideContext } from './decide-context.js';
import { unchanged, type Decision } from './decision.js';
import { maybeEnter } from './entry-steps.js';
import { Emission } from './emission.js';
import { exitNow } from './exit-steps.js';
import { firstExitTrigger } from './exit-triggers.js';
import type { CandleInput, TickInput } from './inputs.js';
import type { LivePosition } from './live-position.js';
import { raisePeak } from './price-watch.js';

/** Entry is due on this observation (cheap checks first: most ticks of a pending position do nothing). */
function entryDue(live: LivePosition, conditionMet: boolean | undefined): boolean {
  const c = live.snapshot.context;
  // A fast path only: `maybeEnter` checks the same again (docs/mutation-testing.md).
  // Stryker disable next-line all: equivalent, the events are the same without it
  if (c.liveOrderId !== null || c.paused || c.closeIntent !== null) return false;
  // Stryker disable next-line OptionalChaining: a started position's watch always has its spec
  return conditionMet === true || live.watch.spec?.entry === 'immediate';
}

function enter(live: LivePosition, id: string, price: Price, ctx: DecideContext): Decision {
  const em = new Emission(live, id, ctx);
  maybeEnter(em, price, true);
  return em.decision();
}

function exit(
  live: LivePosition,
  id: string,
  reason: ExitReason,
  price: Price,
  ctx: DecideContext,
): Decision {
  const em = new Emission(live, id, ctx);
  exitNow(em, reason, price, null);
  return em.decision();
}

/**
 * A tick. Active: raise the in-memory peak, check the exits (see `firstExitTrigger`), persist
 * the peak when the throttle says so; a tick that triggers nothing returns a shared empty array
 * after a few decimal comparisons. Pending: the entry when due. Any state: the last price.
 */
export function decideOnTick(live: LivePosition, tick: TickInput, ctx: DecideContext): Decision {
  const w = live.watch;
  const price = tick.price;
  w.last = price;
  if (tick.priceConfirmed === true) w.confirmed = price;
  const status = live.snapshot.status;
  if (status === 'pending')
    return entryDue(live, tick.entryConditionMet)
      ? enter(live, tick.id, price, ctx)
      : unchanged(live);
  if (status !== 'active') return unchanged(live);
  // Stryker disable next-line all: an active position's watch always has both (a type guard)
  if (w.levels === null || w.peak === null) return unchanged(live);
  const raised = compareDecimals(price, w.peak) > 0;
  if (raised) raisePeak(w, price);
  // Stryker disable next-line OptionalChaining: an active position's watch always has its spec
  const exitMet = tick.exitConditionMet === true && w.spec?.exit.when !== undefined;
  const reason = firstExitTrigger(
    w.levels,
    w.trailStop,
    live.snapshot.context.paused,
    price,
    tick.atMs,
    exitMet,
  );
  if (reason !== null) return exit(live, tick.id, reason, price, ctx);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent (docs/mutation-testing.md)
  if (!raised || w.persistAt === null) return unchanged(live);
  if (compareDecimals(price, w.persistAt) < 0) return unchanged(live);
  const em = new Emission(live, tick.id, ctx);
  em.emit('PeakPriceRaised', { price, at: ctx.now });
  return em.decision();
}

/** A closed candle: the entry condition (pending); the time limit and the exit condition (active). */
export function decideOnCandle(
  live: LivePosition,
  candle: CandleInput,
  ctx: DecideContext,
): Decision {
  const w = live.watch;
  const status = live.snapshot.status;
  if (status === 'pending')
    return entryDue(live, candle.entryConditionMet)
      ? enter(live, candle.id, candle.close, ctx)
      : unchanged(live);
  if (status !== 'active') return unchanged(live);
  // Stryker disable next-line all: an active position's watch always has its levels (a type guard)
  if (w.levels === null) return unchanged(live);
  // Stryker disable next-line OptionalChaining: an active position's watch always has its spec
  const exitMet = candle.exitConditionMet === true && w.spec?.exit.when !== undefined;
  const reason = firstExitTrigger(
    w.levels,
    null,
    live.snapshot.context.paused,
    null,
    candle.atMs,
    exitMet,
  );
  return reason === null ? unchanged(live) : exit(live, candle.id, reason, candle.close, ctx);
}
