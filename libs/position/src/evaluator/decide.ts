import type { DecideContext } from './decide-context.js';
import type { Decision } from './decision.js';
import { decideOnCommand } from './decide-on-command.js';
import { decideOnHalt } from './decide-on-halt.js';
import { decideOnCandle, decideOnTick } from './decide-on-market.js';
import { decideOnOrder } from './decide-on-order.js';
import { decideOnStart } from './decide-on-start.js';
import type { PositionInput } from './inputs.js';
import type { LivePosition } from './live-position.js';

/**
 * The position decider: the events an input causes, given the live position, and the snapshot
 * they lead to (folded once, as they were decided). Pure apart from the position's tick memory
 * (last price, in-memory peak), which it updates. Every event it returns is accepted by the
 * machine in sequence; inputs that change nothing (a repeated trade, an unknown order, a repeated
 * command, a quiet tick) return no events. Take the decision with `applyDecision` once the
 * events are stored.
 */
export function decide(live: LivePosition, input: PositionInput, ctx: DecideContext): Decision {
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
