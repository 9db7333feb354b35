import type { CloseReason, ExitReason, OrderRequest } from '@hoga/contracts';
import type { Krw, Market, OrderId, PositionId, Price, StrategyId, Volume } from '@hoga/model';
import { ZERO } from '@hoga/model';

/** What a position is, fixed when it opens. */
export interface PositionInfo {
  readonly positionId: PositionId;
  readonly strategyId: StrategyId;
  readonly market: Market;
  readonly budgetKrw: Krw;
  /** The strategy spec as launched (plain JSON; decoded once by the evaluator). */
  readonly strategy: unknown;
  readonly openedBy: string;
  readonly openedAt: string;
}

/** Sums over the trades of one side (or one order): volume, KRW funds (price x volume), fees. */
export interface Totals {
  readonly volume: Volume;
  readonly funds: Krw;
  readonly fees: Krw;
}

/** Totals before any trade. */
export const NO_TRADES: Totals = { volume: ZERO as Volume, funds: ZERO as Krw, fees: ZERO as Krw };

/** How the exchange ended an order, once known. */
export interface OrderEnd {
  readonly state: 'done' | 'cancel';
  readonly executedVolume: Volume;
}

/**
 * Why an order never existed on the exchange: rejected by Upbit, denied by a pre-trade check,
 * refused by the executor as too old to send (`expired`, entries only; ADR 0030), or proven not
 * placed after an unknown outcome.
 */
export type OrderFailureCause = 'rejected' | 'denied' | 'not-placed' | 'expired';

/** What one order has filled so far (its fees count in the side totals only). */
export interface Filled {
  readonly volume: Volume;
  readonly funds: Krw;
}

/** One order of the position: what was asked, what filled, how it ended. */
export interface OrderTrack {
  readonly request: OrderRequest;
  readonly filled: Filled;
  readonly end: OrderEnd | null;
  readonly failure: OrderFailureCause | null;
  /** The exchange's error name or the denial reason when it failed (`under_min_total_ask`, ...). */
  readonly failureCode: string | null;
}

/** Why a pending position is being closed before it holds anything. */
export type CloseIntent = 'operator-close' | 'risk-halt';

/** The exit that fired: why, at what price, when. */
export interface ExitRecord {
  readonly reason: ExitReason;
  readonly triggerPrice: Price | null;
  readonly at: string;
}

/** Why the position went to error. */
export interface FailureRecord {
  readonly orderId: OrderId | null;
  readonly cause: 'order-rejected' | 'order-denied' | 'order-unresolvable';
  readonly code: string;
  readonly message: string;
}

/** How the position closed. */
export interface ClosedRecord {
  readonly reason: CloseReason;
  readonly realizedPnlKrw: Krw;
  readonly dustVolume: Volume;
}

/**
 * The durable live state of a position: exactly what its stored events fold to (the context of
 * the position machine). Immutable; every event yields a new object. Tick-driven memory (last
 * price, in-memory peak) lives beside it in the evaluator's `PriceWatch`.
 */
export interface PositionContext {
  readonly info: PositionInfo | null;
  readonly paused: boolean;
  /** Operator command ids already applied (a repeated id is a no-op). */
  readonly commandIds: readonly string[];
  /** Every order requested, oldest first. */
  readonly orders: readonly OrderTrack[];
  /** The one order not yet settled (at most one at a time), if any. */
  readonly liveOrderId: OrderId | null;
  readonly entryAttempts: number;
  readonly exitAttempts: number;
  /** Upbit trade uuids applied (each at most once). Arrays, not sets: copied on every change. */
  readonly tradeUuids: readonly string[];
  readonly bought: Totals;
  readonly sold: Totals;
  readonly lastTradePrice: Price | null;
  readonly closeIntent: CloseIntent | null;
  /** The order a cancel was asked for (entry on close/halt, limit exit on close/halt), if any. */
  readonly cancelRequestedFor: OrderId | null;
  /** Set when the position became active: when, and the average entry price. */
  readonly activation: { readonly at: string; readonly avgEntryPrice: Price } | null;
  /** Peak price since entry, as last persisted (`PeakPriceRaised`). */
  readonly peakPrice: Price | null;
  readonly exit: ExitRecord | null;
  readonly failure: FailureRecord | null;
  readonly dismissed: boolean;
  readonly closed: ClosedRecord | null;
}

/** The context of a position that has not opened yet. */
export const EMPTY_CONTEXT: PositionContext = {
  info: null,
  paused: false,
  commandIds: [],
  orders: [],
  liveOrderId: null,
  entryAttempts: 0,
  exitAttempts: 0,
  tradeUuids: [],
  bought: NO_TRADES,
  sold: NO_TRADES,
  lastTradePrice: null,
  closeIntent: null,
  cancelRequestedFor: null,
  activation: null,
  peakPrice: null,
  exit: null,
  failure: null,
  dismissed: false,
  closed: null,
};
