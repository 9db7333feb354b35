import { deepStrictEqual, ok } from 'node:assert/strict';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { decide } from './trading-state.decide.js';
import { evolve, initialTradingState, type TradingState } from './trading-state.js';
import type { TradingStateCommand } from './trading-state.commands.js';
import type { TradingStateEvent } from './trading-state.events.js';
import { arm, breach, disarm, halt, reduce, resume } from './testing/trading-state.js';

const commandId = fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8');
const command: fc.Arbitrary<TradingStateCommand> = fc.oneof(
  commandId.map((id) => halt(id)),
  commandId.map((id) => reduce(id)),
  fc
    .tuple(commandId, fc.integer({ min: 1, max: 20_000_000 }))
    .map(([id, eq]) => resume(id, String(eq))),
  fc.tuple(commandId, fc.integer({ min: 1, max: 100 })).map(([id, rate]) => arm(id, String(rate))),
  commandId.map((id) => disarm(id)),
  fc.integer({ min: -3_000_000, max: 1_000_000 }).map((pnl) => breach(String(pnl))),
);

/** Runs the commands, keeping accepted events; rejections are values and change nothing. */
function play(commands: readonly TradingStateCommand[]) {
  let state = initialTradingState();
  const steps: {
    before: TradingState;
    command: TradingStateCommand;
    events: readonly TradingStateEvent[];
  }[] = [];
  for (const c of commands) {
    const decision = decide(c, state);
    const events = E.isRight(decision) ? decision.right : [];
    steps.push({ before: state, command: c, events });
    state = events.reduce(evolve, state);
  }
  return { state, steps };
}

describe('trading state: model properties (fast-check)', () => {
  const commands = fc.array(command, { maxLength: 60 });

  it('leaves HALTED only through an operator resume to ACTIVE', () =>
    fc.assert(
      fc.property(commands, (cs) => {
        for (const { before, command: c, events } of play(cs).steps)
          for (const e of events)
            if (e.type === 'TradingStateChanged' && e.from === 'HALTED')
              ok(
                c.type === 'ResumeTrading' && e.to === 'ACTIVE' && before.tradingState === 'HALTED',
              );
      }),
    ));

  it('a fired (disarmed-by-breach) limit implies HALTED', () =>
    fc.assert(
      fc.property(commands, (cs) => {
        for (const { before } of play(cs).steps)
          if (before.lossLimit && !before.lossLimit.armed) ok(before.tradingState === 'HALTED');
      }),
    ));

  it('a breach is recorded only against an armed limit, and halts unless already HALTED', () =>
    fc.assert(
      fc.property(commands, (cs) => {
        for (const { before, events } of play(cs).steps) {
          if (!events.some((e) => e.type === 'LossLimitBreached')) continue;
          ok(before.lossLimit?.armed === true);
          const halts = events.filter((e) => e.type === 'TradingStateChanged' && e.to === 'HALTED');
          ok(halts.length === (before.tradingState === 'HALTED' ? 0 : 1));
        }
      }),
    ));

  it('deciding the same operator command again right after it took effect changes nothing', () =>
    fc.assert(
      fc.property(commands, (cs) => {
        for (const { before, command: c, events } of play(cs).steps)
          if (c.type !== 'RecordLossLimitBreach' && events.length > 0)
            deepStrictEqual(decide(c, events.reduce(evolve, before)), E.right([]));
      }),
    ));
});
