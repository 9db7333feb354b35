import { heldVolume } from '../live-state/position-money.js';
import type { DecideContext } from './decide-context.js';
import { unchanged, type Decision } from './decision.js';
import { closePending } from './entry-steps.js';
import { confirmedPrice, Emission } from './emission.js';
import {
  closeNow,
  exitNow,
  holdsSellable,
  hurryExit,
  requestExit,
  restingLimitExit,
} from './exit-steps.js';
import type { CommandInput } from './inputs.js';
import type { LivePosition } from './live-position.js';

/**
 * Why an operator command would change nothing, or null when it applies. A repeated command id
 * is refused as already applied (the caller may answer it as a success: it is idempotent).
 * `close` on a closing position cancels a resting limit exit (the rest then sells at market);
 * on a position in error it means retry-close when it holds something sellable, dismiss when not.
 */
export function commandRefusal(live: LivePosition, input: CommandInput): string | null {
  const { status, context: c } = live.snapshot;
  if (c.commandIds.includes(input.issued.commandId)) return 'already applied (repeated command id)';
  const pausable = status === 'pending' || status === 'active';
  const sellable = holdsSellable(c, confirmedPrice(live));
  switch (input.verb) {
    case 'close':
      if (status === 'closing')
        return restingLimitExit(c) === undefined
          ? 'the position is closing at market already'
          : null;
      return pausable || status === 'error' ? null : `the position is ${status}`;
    case 'pause':
      return !pausable
        ? `only a pending or active position can pause (it is ${status})`
        : c.paused
          ? 'already paused'
          : null;
    case 'resume':
      return !pausable
        ? `only a pending or active position can resume (it is ${status})`
        : c.paused
          ? null
          : 'not paused';
    case 'retry-close':
      return status !== 'error'
        ? `only a position in error can retry its close (it is ${status})`
        : sellable
          ? null
          : 'it holds nothing sellable: dismiss it';
    case 'dismiss':
      return status !== 'error'
        ? `only a position in error can be dismissed (it is ${status})`
        : sellable
          ? `it still holds ${heldVolume(c).toString()} (sellable): retry the close, or sell and reconcile first`
          : null;
  }
}

/** Retry: back to closing with a new exit attempt at market. */
function retryClose(em: Emission, input: CommandInput): void {
  em.emit('CloseRetried', input.issued);
  requestExit(em, 'operator-close', em.markPrice);
}

/** Dismiss: closed as it is (nothing sellable left; any dust recorded). */
function dismiss(em: Emission, input: CommandInput): void {
  em.emit('ErrorDismissed', input.issued);
  const c = em.snapshot.context;
  closeNow(em, c.exit?.reason ?? 'cancelled', heldVolume(c).isZero() ? null : em.confirmedPrice);
}

/** Decides on an operator command: close, pause, resume, retry-close, dismiss. */
export function decideOnCommand(
  live: LivePosition,
  input: CommandInput,
  ctx: DecideContext,
): Decision {
  if (commandRefusal(live, input) !== null) return unchanged(live);
  const em = new Emission(live, input.id, ctx);
  const status = live.snapshot.status;
  switch (input.verb) {
    case 'pause':
      em.emit('PositionPaused', input.issued);
      break;
    case 'resume':
      em.emit('PositionResumed', input.issued);
      break;
    case 'retry-close':
      retryClose(em, input);
      break;
    case 'dismiss':
      dismiss(em, input);
      break;
    case 'close':
      if (status === 'error') {
        if (commandRefusal(live, { ...input, verb: 'retry-close' }) === null) retryClose(em, input);
        else dismiss(em, input);
      } else {
        em.emit('CloseRequested', input.issued);
        if (status === 'pending') closePending(em);
        else if (status === 'closing') hurryExit(em, 'operator-close');
        else exitNow(em, 'operator-close', live.watch.last, input.issued.issuedBy);
      }
      break;
  }
  return em.decision();
}
