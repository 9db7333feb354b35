import { PositionState, type PositionEvent, type PositionStatus } from '@hoga/contracts';
import { DEFAULT_FEE_RATE, NonNegativeKrwC, type Decimal } from '@hoga/model';
import {
  costBasis,
  evolve,
  INITIAL_SNAPSHOT,
  positionStateData,
  type PositionSnapshot,
} from '@hoga/position';

/** The published view of a position, encoded (money as exact-decimal strings). */
export type EncodedPositionState = ReturnType<typeof PositionState.type.props.data.encode>;

/** When a position first reached each status (ISO times of the events that moved it). */
export interface Milestones {
  readonly openedAt: string | null;
  readonly activeAt: string | null;
  readonly closingAt: string | null;
  readonly closedAt: string | null;
  /** The time of the last event folded. */
  readonly updatedAt: string | null;
}

/** A position's machine snapshot (libs/position's fold) and its milestones. */
export interface PositionFold {
  readonly snapshot: PositionSnapshot;
  readonly milestones: Milestones;
}

/** Before the first event. */
export const EMPTY_FOLD: PositionFold = {
  snapshot: INITIAL_SNAPSHOT,
  milestones: { openedAt: null, activeAt: null, closingAt: null, closedAt: null, updatedAt: null },
};

const MILESTONE: Partial<Record<PositionStatus, keyof Milestones>> = {
  pending: 'openedAt',
  active: 'activeAt',
  closing: 'closingAt',
  closed: 'closedAt',
};

/**
 * Folds one stored event with libs/position's `evolve` (the machine the actor runs) and notes
 * the first time each status was reached. Throws `PositionEventRejected` as `evolve` does.
 */
export function foldEvent(fold: PositionFold, event: PositionEvent): PositionFold {
  const snapshot = evolve(fold.snapshot, event);
  const key = snapshot.status === 'unopened' ? undefined : MILESTONE[snapshot.status];
  const at = event.occurredAt;
  const milestones: Milestones = {
    ...fold.milestones,
    ...(key !== undefined && fold.milestones[key] === null ? { [key]: at } : {}),
    ...(event.type === 'PositionOpened' ? { openedAt: at } : {}),
    updatedAt: at,
  };
  return { snapshot, milestones };
}

/** The fold of a whole stream, oldest first. */
export const foldEvents = (events: Iterable<PositionEvent>, from: PositionFold = EMPTY_FOLD) => {
  let fold = from;
  for (const event of events) fold = foldEvent(fold, event);
  return fold;
};

/**
 * The state after the fold as `hoga.position.state.<id>` publishes it, encoded; no live price
 * (the last trade price stands in, as the actor does before a tick). The fee rate is Upbit's
 * KRW-market rate, the position actor's default.
 */
export function encodedStateOf(
  snapshot: PositionSnapshot,
  feeRate: Decimal = DEFAULT_FEE_RATE,
): EncodedPositionState {
  return PositionState.type.props.data.encode(
    positionStateData(snapshot, { lastPrice: null, peakPrice: null }, feeRate),
  );
}

/**
 * What the position's entry has cost after the fold: Σ entry funds + Σ entry fees, encoded (0
 * before any fill). The published state has no such figure: a closed position holds volume 0, so
 * its principal is this (the panel's and the replay's "principal at entry").
 */
export const investedKrwOf = (snapshot: PositionSnapshot): string =>
  NonNegativeKrwC.encode(costBasis(snapshot.context));

/** One position as the history lists it (money as exact-decimal strings). */
export interface PositionSummary {
  readonly positionId: string;
  readonly market: string;
  readonly strategyId: string;
  readonly status: PositionStatus;
  readonly paused: boolean;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly activeAt: string | null;
  readonly closingAt: string | null;
  readonly closedAt: string | null;
  readonly updatedAt: string;
  readonly exitReason: EncodedPositionState['exitReason'];
  readonly realizedPnlKrw: string;
  /** What the entry cost: Σ entry funds + Σ entry fees (0 before any fill). */
  readonly investedKrw: string;
  readonly budgetKrw: string;
  /** Stream version the summary reflects. */
  readonly version: number;
  readonly state: EncodedPositionState;
}

/** The summary of an opened position (throws for one that has not opened: a wiring mistake). */
export function summaryOf(fold: PositionFold): PositionSummary {
  const { snapshot, milestones } = fold;
  const info = snapshot.context.info;
  if (snapshot.status === 'unopened' || info === null || milestones.openedAt === null)
    throw new Error('a position that has not opened has no summary');
  const state = encodedStateOf(snapshot);
  return {
    positionId: info.positionId,
    market: info.market,
    strategyId: info.strategyId,
    status: snapshot.status,
    paused: snapshot.context.paused,
    openedBy: info.openedBy,
    openedAt: milestones.openedAt,
    activeAt: milestones.activeAt,
    closingAt: milestones.closingAt,
    closedAt: milestones.closedAt,
    updatedAt: milestones.updatedAt ?? milestones.openedAt,
    exitReason: state.exitReason,
    realizedPnlKrw: state.realizedPnlKrw,
    investedKrw: investedKrwOf(snapshot),
    budgetKrw: NonNegativeKrwC.encode(info.budgetKrw),
    version: snapshot.version,
    state,
  };
}
