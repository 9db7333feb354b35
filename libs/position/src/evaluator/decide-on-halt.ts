import type { DecideContext } from './decide-context.js';
import { unchanged, type Decision } from './decision.js';
import { closePending } from './entry-steps.js';
import { Emission } from './emission.js';
import { exitNow, hurryExit } from './exit-steps.js';
import type { RiskHaltInput } from './inputs.js';
import type { LivePosition } from './live-position.js';

/**
 * Risk halt: an active position exits at market (reason `risk-halt`, paused or not); a pending
 * one cancels its entry (closed `cancelled`, or exiting at once if the entry had partly filled); a
 * closing one with a resting limit exit cancels it and sells the rest at market. Error positions
 * wait for the operator; a repeated halt changes nothing.
 */
export function decideOnHalt(
  live: LivePosition,
  input: RiskHaltInput,
  ctx: DecideContext,
): Decision {
  const { status, context } = live.snapshot;
  if (status === 'active') {
    const em = new Emission(live, input.id, ctx);
    exitNow(em, 'risk-halt', live.watch.last, input.detail);
    return em.decision();
  }
  if (status === 'closing') {
    const em = new Emission(live, input.id, ctx);
    hurryExit(em, 'risk-halt');
    return em.decision();
  }
  if (status !== 'pending' || context.closeIntent !== null) return unchanged(live);
  const em = new Emission(live, input.id, ctx);
  em.emit('RiskHaltReceived', { haltId: input.id, detail: input.detail });
  closePending(em);
  return em.decision();
}
