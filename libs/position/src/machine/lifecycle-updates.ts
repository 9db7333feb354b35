import type { PositionEvent } from '@hoga/contracts';
import { changed } from '../live-state/change-context.js';
import { EMPTY_CONTEXT, type PositionContext } from '../live-state/position-context.js';
import type { Update } from './order-updates.js';
import { eventOf } from './position-snapshot.js';

const withCommand = (c: PositionContext, e: PositionEvent): readonly string[] => {
  const { data } = eventOf(
    e,
    'CloseRequested',
    'PositionPaused',
    'PositionResumed',
    'CloseRetried',
    'ErrorDismissed',
  );
  return [...c.commandIds, data.commandId];
};

/** Context updates of lifecycle events. */
export const LIFECYCLE_UPDATES = {
  open: (_c, e) => {
    const { data, occurredAt } = eventOf(e, 'PositionOpened');
    const { positionId, strategyId, market, budgetKrw, strategy, openedBy } = data;
    return changed(EMPTY_CONTEXT, {
      info: { positionId, strategyId, market, budgetKrw, strategy, openedBy, openedAt: occurredAt },
    });
  },
  /** Active from now; the peak since entry starts at the average entry price. */
  activate: (c, e) => {
    const { data, occurredAt } = eventOf(e, 'PositionActivated');
    return changed(c, {
      activation: { at: occurredAt, avgEntryPrice: data.avgEntryPrice },
      peakPrice: data.avgEntryPrice,
    });
  },
  raisePeak: (c, e) => changed(c, { peakPrice: eventOf(e, 'PeakPriceRaised').data.price }),
  recordExit: (c, e) => {
    const { reason, triggerPrice, at } = eventOf(e, 'ExitTriggered').data;
    return changed(c, { exit: { reason, triggerPrice, at } });
  },
  /** Automation stops; no order is live any more from the position's point of view. */
  recordFailure: (c, e) => {
    const { orderId, cause, code, message } = eventOf(e, 'PositionFailed').data;
    return changed(c, { failure: { orderId, cause, code, message }, liveOrderId: null });
  },
  recordClose: (c, e) => {
    const { reason, realizedPnlKrw, dustVolume } = eventOf(e, 'PositionClosed').data;
    return changed(c, { closed: { reason, realizedPnlKrw, dustVolume } });
  },
  /** The first close intent of a pending position wins. */
  recordHalt: (c, e) => {
    eventOf(e, 'RiskHaltReceived');
    return changed(c, { closeIntent: c.closeIntent ?? 'risk-halt' });
  },
  recordPendingClose: (c, e) =>
    changed(c, {
      commandIds: withCommand(c, e),
      closeIntent: c.closeIntent ?? 'operator-close',
    }),
  recordCommand: (c, e) => changed(c, { commandIds: withCommand(c, e) }),
  pause: (c, e) => changed(c, { commandIds: withCommand(c, e), paused: true }),
  resume: (c, e) => changed(c, { commandIds: withCommand(c, e), paused: false }),
  /** Back to closing: the failure is cleared; a position that never exited exits as operator-close. */
  retry: (c, e) =>
    changed(c, {
      commandIds: withCommand(c, e),
      failure: null,
      exit: c.exit ?? { reason: 'operator-close', triggerPrice: null, at: e.occurredAt },
    }),
  dismiss: (c, e) => changed(c, { commandIds: withCommand(c, e), dismissed: true }),
} satisfies Record<string, Update>;
