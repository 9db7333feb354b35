import type { PositionEvent } from '@hoga/contracts';
import type { DecideContext } from './decide-context.js';
import { decideOnCommand } from './decide-on-command.js';
import { decideOnHalt } from './decide-on-halt.js';
import { decideOnCandle, decideOnTick } from './decide-on-market.js';
import { decideOnOrder } from './decide-on-order.js';
import { decideOnStart } from './decide-on-start.js';
import type { PositionInput } from './inputs.js';
import type { LivePosition } from './live-position.js';

/**
 * The position decider: the events an input causes, given the live position. Pure apart from
 * the position's tick memory (last price, in-memory peak), which it updates. Every event it
 * returns is accepted by the machine in sequence; inputs that change nothing (a repeated trade,
 * an unknown order, a repeated command, a quiet tick) return no events. Apply the events with
 * `applyEvents` once they are stored.
 */
export function decide(
  live: LivePosition,
  input: PositionInput,
  ctx: DecideContext,
): readonly PositionEvent[] {
  switch (input.kind) {
    case 'tick':
      return decideOnTick(live, input, ctx);
    case 'candle':
      return decideOnCandle(live, input, ctx);
    case 'order':
      return decideOnOrder(live, input, ctx);
    case 'command':
      return decideOnCommand(live, input, ctx);
    case 'risk-halt':
      return decideOnHalt(live, input, ctx);
    case 'start':
      return decideOnStart(live, input, ctx);
  }
}
