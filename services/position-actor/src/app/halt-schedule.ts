import { setTimeout as sleep } from 'node:timers/promises';
import type { LiquidationStep } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';

/** When to feed one position its risk halt, in ms after the halt was received. */
export interface HaltStep {
  readonly positionId: PositionId;
  readonly notBeforeMs: number;
}

/**
 * The order of a halt on this instance: the open positions not in the plan first, at once
 * (pending ones cancel their entry, which places no sell), then the plan's positions that are
 * open here, in plan order at their offsets. Plan entries of other instances are skipped.
 */
export function haltSchedule(
  open: readonly PositionId[],
  plan: readonly LiquidationStep[],
): HaltStep[] {
  const here = new Set(open);
  const planned = new Set(plan.map((s) => s.positionId));
  return [
    ...open.filter((id) => !planned.has(id)).map((positionId) => ({ positionId, notBeforeMs: 0 })),
    ...plan.filter((s) => here.has(s.positionId)),
  ];
}

/** Real time, for pacing against the exchange's rate limit (never the injected test clock). */
export interface PacingClock {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}
const realClock: PacingClock = { nowMs: () => Date.now(), sleep: (ms) => sleep(ms) };

/**
 * Feeds each step in order, none before its offset from now. A step is not awaited before the
 * next one starts (a slow append does not delay the schedule); resolves when all have settled.
 */
export async function runHaltSchedule(
  steps: readonly HaltStep[],
  feed: (positionId: PositionId) => Promise<unknown>,
  clock: PacingClock = realClock,
): Promise<void> {
  const start = clock.nowMs();
  const fed: Promise<unknown>[] = [];
  for (const step of steps) {
    const wait = start + step.notBeforeMs - clock.nowMs();
    if (wait > 0) await clock.sleep(wait);
    fed.push(feed(step.positionId));
  }
  await Promise.allSettled(fed);
}
