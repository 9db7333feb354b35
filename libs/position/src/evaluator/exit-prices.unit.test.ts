import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import fc from 'fast-check';
import type { PositionEvent } from '@hoga/contracts';
import {
  dec,
  DEFAULT_FEE_RATE,
  krwTickSize,
  roundToTick,
  type Decimal,
  type Price,
} from '@hoga/model';
import { positionStateData } from '../live-state/position-view.js';
import type { StrategySpec } from '../strategy/index.js';
import { Driver, inputs, orderEvents, spec, T0 } from '../testing/position.js';

/** A position entered at `entry` (on the tick grid) for about 199,000 KRW (within the market buy) with `exit`. */
function entered(entry: Decimal, exit: Partial<StrategySpec['exit']>): Driver {
  const d = new Driver();
  const volume = dec(199_000).div(entry).toDecimalPlaces(8, 1).toString();
  d.runAll(
    inputs.start(spec({}, exit), entry as Price),
    inputs.order(orderEvents.filled('pos-1-e1', 't1', volume, entry.toString())),
    inputs.order(orderEvents.completed('pos-1-e1', 'cancel', volume)),
  );
  equal(d.status, 'active');
  return d;
}

/** The published state, as position-actor publishes it (the watch's levels and peak). */
const published = (d: Driver) =>
  positionStateData(
    d.live.snapshot,
    { lastPrice: d.live.watch.last, peakPrice: d.live.watch.peak, levels: d.live.watch.levels },
    DEFAULT_FEE_RATE,
  );

const exitReason = (events: readonly PositionEvent[]) =>
  events.find((e) => e.type === 'ExitTriggered')?.data.reason ?? null;
const above = (price: Decimal) => price.plus(krwTickSize(price)).toString();
const below = (price: Decimal) => roundToTick(price.minus(krwTickSize(price)), 'down').toString();

/** An entry price on the grid, from 0.1 to 200,000,000 KRW (every band but the tiniest). */
const entryPrice = fc
  .tuple(fc.integer({ min: 1_000, max: 2_000_000 }), fc.integer({ min: 0, max: 8 }))
  .map(([m, e]) => roundToTick(dec(m).mul(dec(10).pow(e - 4)), 'nearest'));
const pct = (max: number) => fc.integer({ min: 1, max: max * 10 }).map((x) => dec(x).div(10));

describe('exit prices: the levels shown are the ones the evaluator fires on', () => {
  it('a tick at the shown stop-loss fires it, one tick above does not; take-profit fires at the shown price, not one tick below', () => {
    fc.assert(
      fc.property(entryPrice, pct(50), pct(50), (entry, sl, tp) => {
        const exit = { stopLossPct: sl, takeProfitPct: tp };
        const levels = published(entered(entry, exit)).exitLevels!;
        const stop = levels.stopLoss!;
        const take = levels.takeProfit!;
        equal(exitReason(entered(entry, exit).run(inputs.tick(stop.toString()))), 'stop-loss');
        equal(exitReason(entered(entry, exit).run(inputs.tick(above(stop)))), null);
        equal(exitReason(entered(entry, exit).run(inputs.tick(take.toString()))), 'take-profit');
        equal(exitReason(entered(entry, exit).run(inputs.tick(below(take)))), null);
      }),
      { numRuns: 200 },
    );
  });

  it('the trailing stop follows the peak: a tick at the shown level fires it, one tick above does not', () => {
    fc.assert(
      fc.property(
        entryPrice,
        pct(20),
        fc.option(pct(10), { nil: undefined }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 12 }),
        (entry, trail, activation, rises) => {
          const exit = {
            takeProfitPct: undefined,
            stopLossPct: undefined,
            trailingStopPct: trail,
            trailingActivationPct: activation,
          };
          const path = rises.reduce<string[]>((prices, bps) => {
            const from = dec(prices.at(-1) ?? entry.toString());
            return [
              ...prices,
              roundToTick(from.mul(dec(10_000 + bps).div(10_000)), 'up').toString(),
            ];
          }, []);
          const run = () => {
            const d = entered(entry, exit);
            for (const price of path) d.run(inputs.tick(price));
            return d;
          };
          const shown = published(run());
          equal(shown.peakPrice?.toString(), path.at(-1));
          const trailing = shown.exitLevels!.trailingStop;
          if (trailing === null) {
            // not armed: the peak is below the arming level shown
            ok(shown.exitLevels!.trailingArmsAt!.gt(shown.peakPrice!));
            return;
          }
          equal(exitReason(run().run(inputs.tick(trailing.toString()))), 'trailing-stop');
          equal(exitReason(run().run(inputs.tick(above(trailing)))), null);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('names when the position entered and when the time exit fires; the history (no watch) shows the same', () => {
    const exit = { stopLossPct: dec(5), takeProfitPct: dec(3), maxHoldMinutes: 30 };
    const d = entered(dec('12345'), exit);
    const shown = published(d);
    equal(shown.enteredAt, new Date(T0).toISOString());
    deepStrictEqual(
      Object.values(shown.exitLevels!).map((x) => (x === null ? null : String(x))),
      // 12,345 x 1.03 = 12,715.35 → 12,720 (up, tick 10); x 0.95 = 11,727.75 → 11,720 (down)
      ['12720', '11720', null, null, '2026-11-23T00:30:00.000Z'],
    );
    deepStrictEqual(
      positionStateData(d.live.snapshot, { lastPrice: null, peakPrice: null }, DEFAULT_FEE_RATE)
        .exitLevels,
      shown.exitLevels,
    );
    equal(
      exitReason(entered(dec('12345'), exit).run(inputs.candle('12345', T0 + 30 * 60_000 - 1))),
      null,
    );
    equal(exitReason(d.run(inputs.candle('12345', T0 + 30 * 60_000))), 'time-limit');
  });

  it('has no levels and no entry time before the position is active', () => {
    const d = new Driver();
    d.runAll(inputs.start(spec(), null));
    const shown = published(d);
    deepStrictEqual([shown.status, shown.enteredAt, shown.exitLevels], ['pending', null, null]);
  });
});
