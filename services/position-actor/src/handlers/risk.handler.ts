import type { LiquidationStep, RiskHalt, RiskState } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { haltSchedule, runHaltSchedule, type HaltStep } from '../app/halt-schedule.js';
import type { Received } from '../app/position-actor.js';
import type { ServiceContext } from './service-context.js';

/** The actors not closed. */
const openActors = (ctx: ServiceContext) =>
  ctx.host.all().filter((a) => a.live.snapshot.status !== 'closed');

/** Feeds a risk halt to the positions of `steps`, in order, none before its offset. */
async function feedHalt(
  ctx: ServiceContext,
  haltId: string,
  detail: string,
  steps: readonly HaltStep[],
  via?: Received,
): Promise<void> {
  const feed = (positionId: PositionId) => {
    const actor = ctx.host.get(positionId);
    if (actor === undefined) return Promise.resolve();
    return ctx.host
      .submit(actor, { kind: 'risk-halt', id: haltId, detail }, via)
      .catch((error: unknown) => ctx.logger.error('risk halt not applied', { positionId, error }));
  };
  await runHaltSchedule(steps, feed);
}

/**
 * Every open position: those not in `plan` at once, then the plan's in its order (largest
 * exposure first), each not before its offset. A repeated halt changes nothing.
 */
async function haltInPlanOrder(
  ctx: ServiceContext,
  haltId: string,
  detail: string,
  plan: readonly LiquidationStep[],
  via?: Received,
): Promise<void> {
  const open = openActors(ctx).map((a) => a.positionId);
  ctx.logger.warn('risk halt: every position exits', {
    haltId,
    detail,
    open: open.length,
    planned: plan.length,
  });
  await feedHalt(ctx, haltId, detail, haltSchedule(open, plan), via);
}

/** The risk inputs of position-actor, sharing the wait for a halt's liquidation plan. */
export interface RiskHandlers {
  /**
   * `hoga.risk.halt`: safe mode now, exits in the plan's order. `via`: the message, whose trace
   * (the breach's) each exit continues, so its liquidation order is in that trace (ADR 0057).
   */
  onHalt(halt: RiskHalt, via?: Received): Promise<void>;
  /** KV `hoga-risk` (also at start). */
  onState(state: RiskState): Promise<void>;
  /** Cancels a pending fallback. */
  stop(): void;
}

/**
 * risk-guard writes HALTED to the KV before it publishes the `RiskHalt` with the plan. Entering
 * HALTED from the KV therefore cancels the pending positions at once (no sell) and waits up to
 * `planWaitMs` for the halt; if none comes (a restart into HALTED, a lost halt) every open
 * position is halted at once and the executor's rate limiter paces the sells.
 */
export function riskHandlers(ctx: ServiceContext, planWaitMs: number): RiskHandlers {
  let fallback: NodeJS.Timeout | undefined;
  const cancelFallback = () => {
    clearTimeout(fallback);
    fallback = undefined;
  };
  return {
    async onHalt(halt, via) {
      cancelFallback();
      ctx.risk.set('HALTED');
      const { cause, reason, liquidation } = halt.data;
      await haltInPlanOrder(ctx, halt.id, `${cause}: ${reason}`, liquidation, via);
    },
    async onState(state) {
      if (state.data.state !== 'HALTED') cancelFallback();
      if (!ctx.risk.set(state.data.state)) return;
      const pending = openActors(ctx)
        .filter((a) => a.live.snapshot.status === 'pending')
        .map((a) => ({ positionId: a.positionId, notBeforeMs: 0 }));
      fallback = setTimeout(() => {
        fallback = undefined;
        void haltInPlanOrder(ctx, state.id, state.data.reason, []);
      }, planWaitMs);
      fallback.unref();
      await feedHalt(ctx, state.id, state.data.reason, pending);
    },
    stop: cancelFallback,
  };
}
