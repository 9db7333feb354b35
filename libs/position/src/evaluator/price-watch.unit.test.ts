import { ok } from 'node:assert/strict';
import fc from 'fast-check';
import { dec, krwTickSize, roundToTick, Decimal } from '@hoga/model';
import { replay } from '../replay/replay.js';
import { restore } from './live-position.js';
import { Driver, inputs, orderEvents, spec } from '../testing/position.js';

/** A position entered at 100,000,000 KRW with a trailing stop (and maybe an activation level). */
function entered(trailingStopPct: number, trailingActivationPct: number | undefined): Driver {
  const d = new Driver();
  const exit = {
    takeProfitPct: undefined,
    stopLossPct: undefined,
    trailingStopPct: dec(trailingStopPct),
    trailingActivationPct:
      trailingActivationPct === undefined ? undefined : dec(trailingActivationPct),
  };
  d.runAll(
    inputs.start(spec({}, exit)),
    inputs.order(orderEvents.filled('pos-1-e1', 't1', '0.001999', '100000000')),
    inputs.order(orderEvents.completed('pos-1-e1', 'cancel', '0.001999')),
  );
  return d;
}

describe('price watch: the peak throttle and its restart bound', () => {
  it('after a restart, the peak and trailing stop are less than one throttle step below the live ones, and arming survives', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 100 }).map((x) => x / 10),
        fc.option(
          fc.integer({ min: 1, max: 50 }).map((x) => x / 10),
          { nil: undefined },
        ),
        fc.array(fc.integer({ min: -300, max: 400 }), { minLength: 1, maxLength: 60 }),
        (trail, activation, moves) => {
          const d = entered(trail, activation);
          let price = dec(100_000_000);
          for (const bps of moves) {
            price = roundToTick(price.mul(dec(10_000 + bps).div(10_000)), 'nearest');
            d.run(inputs.tick(price.toString()));
            if (d.status !== 'active') return;
            const live = d.live.watch;
            const again = restore(replay(d.stored)).watch;
            const persisted = again.peak!;
            const step = Decimal.max(krwTickSize(persisted), persisted.mul(trail).div(1000));
            ok(
              persisted.lte(live.peak!) && live.peak!.minus(persisted).lt(step),
              `peak ${live.peak!.toString()} vs restored ${persisted.toString()} (step ${step.toString()})`,
            );
            ok(
              (live.trailStop === null) === (again.trailStop === null),
              'armed after the restart exactly when armed live',
            );
            if (live.trailStop !== null)
              ok(live.trailStop.minus(again.trailStop!).lt(step), 'trailing stop within one step');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
