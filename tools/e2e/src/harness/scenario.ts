import { equal, ok } from 'node:assert/strict';
import type { PositionEvent } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { E2eStack, type StackOptions } from './e2e-stack.js';
import { attemptReport, checkAudit, formatReport } from './invariants.js';

/** A strategy that buys at once for 100,000 KRW; exits as given. */
export const strategy = (id: string, exit: Record<string, number>): Record<string, unknown> => ({
  id,
  market: 'KRW-BTC',
  budgetKrw: '100000',
  entry: 'immediate',
  exit,
});

/**
 * Mocha hooks for a suite of scenarios: `current()` is the test's stack (made by `make`), torn
 * down after each test; on failure the services' log and the attempt report are printed.
 */
export function useStacks(): {
  make(options: StackOptions): Promise<E2eStack>;
  watch(positionId: PositionId): void;
} {
  let stack: E2eStack | undefined;
  let watched: PositionId | undefined;
  afterEach(async function () {
    if (stack === undefined) return;
    try {
      if (this.currentTest?.state === 'failed') {
        console.error(`----- services log (${stack.logFile}) -----\n${stack.log().slice(-30_000)}`);
        if (watched !== undefined)
          console.error(
            `----- attempts -----\n${formatReport(await attemptReport(stack, watched))}`,
          );
      } else await checkAudit(stack.pool, stack.emulator);
    } finally {
      await stack.dispose();
      stack = undefined;
      watched = undefined;
    }
  });
  return {
    async make(options) {
      stack = new E2eStack(options);
      return stack.init();
    },
    watch(positionId) {
      watched = positionId;
    },
  };
}

/** Runs `spec` and waits for the entry to fill (`PositionActivated`). */
export async function runAndActivate(
  stack: E2eStack,
  spec: Record<string, unknown>,
): Promise<PositionId> {
  const reply = await stack.run(spec);
  ok(reply.ok, JSON.stringify(reply));
  await stack.until(reply.positionId, 'PositionActivated');
  return reply.positionId;
}

/** The events of `type` among `events`. */
export const ofType = <T extends PositionEvent['type']>(
  events: ReadonlyArray<{ event: PositionEvent }>,
  type: T,
): Array<Extract<PositionEvent, { type: T }>> =>
  events
    .map((e) => e.event)
    .filter((e): e is Extract<PositionEvent, { type: T }> => e.type === type);

/** Exactly one event of `type`; returns it. */
export function one<T extends PositionEvent['type']>(
  events: ReadonlyArray<{ event: PositionEvent }>,
  type: T,
): Extract<PositionEvent, { type: T }> {
  const found = ofType(events, type);
  equal(found.length, 1, `exactly one ${type}: ${events.map((e) => e.event.type).join(', ')}`);
  return found[0]!;
}
