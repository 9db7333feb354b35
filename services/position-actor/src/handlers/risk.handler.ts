import type { RiskHalt, RiskState } from '@hoga/contracts';
import type { ServiceContext } from './service-context.js';

/** Feeds a risk halt to every position not closed (each exits or cancels its entry). */
async function haltAll(ctx: ServiceContext, haltId: string, detail: string): Promise<void> {
  ctx.logger.warn('risk halt: every position exits', { haltId, detail });
  const open = ctx.host.all().filter((a) => a.live.snapshot.status !== 'closed');
  await Promise.all(
    open.map((actor) => ctx.host.submit(actor, { kind: 'risk-halt', id: haltId, detail })),
  );
}

/** `hoga.risk.halt`: safe mode now. */
export function riskHaltHandler(ctx: ServiceContext) {
  return async (halt: RiskHalt): Promise<void> => {
    ctx.risk.set('HALTED');
    await haltAll(ctx, halt.id, `${halt.data.cause}: ${halt.data.reason}`);
  };
}

/** KV `hoga-risk` (also at start): entering HALTED halts every position. */
export function riskStateHandler(ctx: ServiceContext) {
  return async (state: RiskState): Promise<void> => {
    if (ctx.risk.set(state.data.state)) await haltAll(ctx, state.id, state.data.reason);
  };
}
