import type { PositionEvent } from '@hoga/contracts';
import { assign, setup } from 'xstate';
import { EMPTY_CONTEXT, type PositionContext } from '../live-state/position-context.js';
import { LIFECYCLE_GUARDS } from './lifecycle-guards.js';
import { LIFECYCLE_UPDATES } from './lifecycle-updates.js';
import { ORDER_GUARDS, type Guard } from './order-guards.js';
import { ORDER_UPDATES, type Update } from './order-updates.js';

/** Every guard of the machine, by name: pure checks, shared with the table-driven `evolve`. */
export const GUARDS = { ...ORDER_GUARDS, ...LIFECYCLE_GUARDS };
/** Every context update of the machine, by name (each becomes an xstate `assign`). */
export const UPDATES = { ...ORDER_UPDATES, ...LIFECYCLE_UPDATES };
/** The name of a guard of the machine. */
export type GuardName = keyof typeof GUARDS;
/** The name of a context update (xstate action) of the machine. */
export type UpdateName = keyof typeof UPDATES;

type Args = { context: PositionContext; event: PositionEvent };
const mapValues = <K extends string, A, B>(o: Record<K, A>, f: (a: A) => B): Record<K, B> =>
  Object.fromEntries(Object.entries<A>(o).map(([k, v]) => [k, f(v)])) as Record<K, B>;
const asGuard =
  (g: Guard) =>
  ({ context, event }: Args) =>
    g(context, event);
const asAction = (u: Update) =>
  assign<PositionContext, PositionEvent, undefined, PositionEvent, never>(({ context, event }) =>
    u(context, event),
  );

/** Operator bookkeeping accepted in pending and active (pause is a flag of these two states). */
const PAUSABLE = {
  PositionPaused: { guard: 'pauseAccepted', actions: 'pause' },
  PositionResumed: { guard: 'resumeAccepted', actions: 'resume' },
} as const;

/**
 * The position machine (ARCHITECTURE §5). Its events are the stored domain events; its context is
 * the durable live state. Flat states; every transition has at most one named guard and only
 * named `assign` actions, so a replay runs no side effects and `evolve` can interpret the same
 * graph without xstate's per-event overhead. An event with no enabled transition is refused.
 */
export const positionMachine = setup({
  types: { context: {} as PositionContext, events: {} as PositionEvent },
  guards: mapValues(GUARDS, asGuard),
  actions: mapValues(UPDATES, asAction),
}).createMachine({
  id: 'position',
  initial: 'unopened',
  context: EMPTY_CONTEXT,
  states: {
    unopened: { on: { PositionOpened: { target: 'pending', actions: 'open' } } },
    /** Waiting for the entry signal, or the entry order is out. */
    pending: {
      on: {
        EntryOrderRequested: { guard: 'entryRequestAllowed', actions: 'requestOrder' },
        EntryFilled: { guard: 'entryFillAccepted', actions: 'applyFill' },
        OrderFinished: { guard: 'finishAccepted', actions: 'finishOrder' },
        OrderFailed: { guard: 'orderFailureAccepted', actions: 'failOrder' },
        PositionActivated: { guard: 'activationMatches', target: 'active', actions: 'activate' },
        PositionClosed: { guard: 'pendingCloseAllowed', target: 'closed', actions: 'recordClose' },
        PositionFailed: { guard: 'failureAccepted', target: 'error', actions: 'recordFailure' },
        RiskHaltReceived: { guard: 'haltAccepted', actions: 'recordHalt' },
        CloseRequested: { guard: 'closeCommandAccepted', actions: 'recordPendingClose' },
        EntryOrderCancelRequested: { guard: 'entryCancelAllowed', actions: 'requestCancel' },
        ...PAUSABLE,
      },
    },
    /** Holding coins; every exit trigger is armed (discretionary ones unless paused). */
    active: {
      on: {
        PeakPriceRaised: { guard: 'peakRaised', actions: 'raisePeak' },
        ExitTriggered: { guard: 'exitTriggerAllowed', target: 'closing', actions: 'recordExit' },
        CloseRequested: { guard: 'closeCommandAccepted', actions: 'recordCommand' },
        ...PAUSABLE,
      },
    },
    /** One exit order at a time (OCO): no other trigger is evaluated. */
    closing: {
      on: {
        ExitOrderRequested: { guard: 'exitRequestAllowed', actions: 'requestOrder' },
        ExitFilled: { guard: 'exitFillAccepted', actions: 'applyFill' },
        OrderFinished: { guard: 'finishAccepted', actions: 'finishOrder' },
        OrderFailed: { guard: 'orderFailureAccepted', actions: 'failOrder' },
        PositionClosed: { guard: 'exitCloseAllowed', target: 'closed', actions: 'recordClose' },
        PositionFailed: { guard: 'failureAccepted', target: 'error', actions: 'recordFailure' },
        CloseRequested: { guard: 'closeCommandAccepted', actions: 'recordCommand' },
        ExitOrderCancelRequested: { guard: 'exitCancelAllowed', actions: 'requestCancel' },
      },
    },
    /** Automation stopped; late trades are still booked; the operator retries or dismisses. */
    error: {
      on: {
        EntryFilled: { guard: 'entryFillAccepted', actions: 'applyFill' },
        ExitFilled: { guard: 'exitFillAccepted', actions: 'applyFill' },
        OrderFinished: { guard: 'finishAccepted', actions: 'finishOrder' },
        CloseRetried: { guard: 'retryAllowed', target: 'closing', actions: 'retry' },
        ErrorDismissed: { guard: 'dismissAllowed', actions: 'dismiss' },
        PositionClosed: { guard: 'dismissCloseAllowed', target: 'closed', actions: 'recordClose' },
      },
    },
    closed: { type: 'final' },
  },
});

/** The type of the position machine (xstate `StateMachine`). */
export type PositionMachine = typeof positionMachine;
