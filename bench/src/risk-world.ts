/** Helpers of the risk bench: strategies run through position-actor's ops endpoint. */
import { performance } from 'node:perf_hooks';
import type { Bus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import type { Market, PositionId } from '@hoga/model';

/** Runs `count` immediate-entry strategies on `market` (stop-loss 50 %: only the global limit fires). */
export async function runStrategiesOn(
  bus: Bus,
  count: number,
  market: Market,
  budgetKrw: number,
): Promise<PositionId[]> {
  const ids: PositionId[] = [];
  for (let i = 0; i < count; i++) {
    const commandId = `bench-risk-${count}-${i}`;
    const reply = await bus.request(
      subjects.ops('position-actor', 'run'),
      {
        id: `req-${commandId}`,
        type: 'RunStrategy',
        occurredAt: new Date().toISOString(),
        causationId: null,
        correlationId: commandId,
        data: {
          strategy: {
            id: `risk-${i}`,
            market,
            budgetKrw: String(budgetKrw),
            entry: 'immediate',
            exit: { takeProfitPct: 50, stopLossPct: 50 },
          },
          commandId,
          issuedBy: 'bench',
          reason: null,
        },
      },
      { timeoutMs: 30_000 },
    );
    if (!reply.ok) throw new Error(`run ${i} refused: ${JSON.stringify(reply)}`);
    ids.push(reply.positionId);
  }
  return ids;
}

/** Polls `probe` every `everyMs` until true or `timeoutMs`; returns whether it became true. */
export async function waitFor(
  probe: () => boolean,
  timeoutMs: number,
  everyMs = 5,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!probe()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return true;
}
