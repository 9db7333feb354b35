import { deepStrictEqual } from 'node:assert/strict';
import type { PositionId } from '@hoga/model';
import { haltSchedule, runHaltSchedule, type PacingClock } from './halt-schedule.js';

const id = (s: string) => s as PositionId;

/** A clock that only moves when the schedule sleeps. */
class StepClock implements PacingClock {
  ms = 1_000;
  nowMs = () => this.ms;
  sleep = (ms: number) => {
    this.ms += ms;
    return Promise.resolve();
  };
}

describe('risk halt schedule', () => {
  it('halts positions outside the plan at once, then the plan in its order; skips other instances', () => {
    const open = [id('pos-a'), id('pos-pending'), id('pos-b'), id('pos-c')];
    const plan = [
      { positionId: id('pos-c'), notBeforeMs: 0 },
      { positionId: id('pos-elsewhere'), notBeforeMs: 84 },
      { positionId: id('pos-a'), notBeforeMs: 168 },
      { positionId: id('pos-b'), notBeforeMs: 252 },
    ];
    deepStrictEqual(haltSchedule(open, plan), [
      { positionId: 'pos-pending', notBeforeMs: 0 },
      { positionId: 'pos-c', notBeforeMs: 0 },
      { positionId: 'pos-a', notBeforeMs: 168 },
      { positionId: 'pos-b', notBeforeMs: 252 },
    ]);
    deepStrictEqual(
      haltSchedule(open, []),
      open.map((positionId) => ({ positionId, notBeforeMs: 0 })),
    );
  });

  it('feeds each step in order, none before its offset, without waiting for the previous one', async () => {
    const clock = new StepClock();
    const fed: [string, number][] = [];
    const steps = [
      { positionId: id('pos-c'), notBeforeMs: 0 },
      { positionId: id('pos-a'), notBeforeMs: 84 },
      { positionId: id('pos-b'), notBeforeMs: 168 },
    ];
    let slowDone = false;
    await runHaltSchedule(
      steps,
      (positionId) => {
        fed.push([positionId, clock.ms - 1_000]);
        // the first feed settles only after the others were fed
        return positionId === 'pos-c'
          ? new Promise<void>((r) => setTimeout(() => ((slowDone = true), r()), 20))
          : Promise.resolve();
      },
      clock,
    );
    deepStrictEqual(fed, [
      ['pos-c', 0],
      ['pos-a', 84],
      ['pos-b', 168],
    ]);
    deepStrictEqual(slowDone, true);
  });
});
