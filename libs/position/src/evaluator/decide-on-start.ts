import { encodeStrategySpec } from '../strategy/index.js';
import type { DecideContext } from './decide-context.js';
import { unchanged, type Decision } from './decision.js';
import { maybeEnter } from './entry-steps.js';
import { Emission } from './emission.js';
import type { StartInput } from './inputs.js';
import type { LivePosition } from './live-position.js';
import { syncWatch } from './price-watch.js';

/**
 * Launch: `PositionOpened` (with the spec as JSON) and, for `entry: immediate`, the entry order
 * (a limit entry needs `lastPrice`, else it goes out on the first tick). A second start is a no-op.
 */
export function decideOnStart(live: LivePosition, input: StartInput, ctx: DecideContext): Decision {
  if (live.snapshot.status !== 'unopened') return unchanged(live);
  const { spec } = input;
  const em = new Emission(live, input.id, ctx);
  em.emit('PositionOpened', {
    positionId: input.positionId,
    strategyId: spec.id,
    market: spec.market,
    budgetKrw: spec.budgetKrw,
    strategy: encodeStrategySpec(spec),
    openedBy: input.openedBy,
  });
  syncWatch(em.watch, em.snapshot);
  if (input.lastPrice !== null) em.watch.last = input.lastPrice;
  maybeEnter(em, input.lastPrice, false);
  return em.decision();
}
