import * as t from 'io-ts';
import {
  KrwC,
  Market,
  NonNegativeKrwC,
  OrderId,
  PositionId,
  PriceC,
  StrategyId,
  VolumeC,
} from '@hoga/model';
import { envelope, IsoDateTime } from './envelope.js';

/** Who issued an operator command, and its id (a repeated command id is harmless). */
export const IssuedBy = t.strict(
  { commandId: t.string, issuedBy: t.string, reason: t.union([t.string, t.null]) },
  'IssuedBy',
);
export type IssuedBy = t.TypeOf<typeof IssuedBy>;

export const ExitReason = t.keyof(
  {
    'take-profit': null,
    'stop-loss': null,
    'trailing-stop': null,
    'time-limit': null,
    'strategy-exit': null,
    'operator-close': null,
    'risk-halt': null,
  },
  'ExitReason',
);
export type ExitReason = t.TypeOf<typeof ExitReason>;
/** Why a position closed: an exit, or `cancelled` (it ended before holding anything sellable). */
export type CloseReason = ExitReason | 'cancelled';

/** How an order is placed on Upbit. */
export const OrderKind = t.keyof({ market: null, limit: null }, 'OrderKind');

/** The order a position asks for: the outbox turns it into a `PlaceOrder` command. */
export const OrderRequest = t.strict(
  {
    orderId: OrderId,
    /** Upbit `identifier`: derived from position id, leg and attempt; never reused. */
    identifier: t.string,
    leg: t.keyof({ entry: null, exit: null }),
    attempt: t.number,
    market: Market,
    side: t.keyof({ bid: null, ask: null }),
    kind: OrderKind,
    /** Limit price (limit orders). */
    price: t.union([PriceC, t.null]),
    /** Volume to sell (exits) or to buy (limit entries). */
    volume: t.union([VolumeC, t.null]),
    /** KRW to spend (market buys). */
    totalKrw: t.union([NonNegativeKrwC, t.null]),
  },
  'OrderRequest',
);
export type OrderRequest = t.TypeOf<typeof OrderRequest>;

/** One Upbit trade applied to a position (each trade uuid at most once). */
export const Fill = t.strict(
  {
    orderId: OrderId,
    tradeUuid: t.string,
    price: PriceC,
    volume: VolumeC,
    /** price * volume, as Upbit reports it. */
    funds: NonNegativeKrwC,
    fee: NonNegativeKrwC,
    at: IsoDateTime,
  },
  'Fill',
);
export type Fill = t.TypeOf<typeof Fill>;

export const PositionOpened = envelope(
  'PositionOpened',
  t.strict({
    positionId: PositionId,
    strategyId: StrategyId,
    market: Market,
    budgetKrw: NonNegativeKrwC,
    /** The strategy spec as launched (validated by libs/position). */
    strategy: t.unknown,
    openedBy: t.string,
  }),
);
export const EntryOrderRequested = envelope('EntryOrderRequested', OrderRequest);
export const EntryFilled = envelope('EntryFilled', Fill);
/** The entry order is finished (done, or a market buy ended `cancel` with executed volume). */
/** The entry is settled and the position holds coins; `occurredAt` is the activation time. */
export const PositionActivated = envelope(
  'PositionActivated',
  t.strict({
    orderId: OrderId,
    volume: VolumeC,
    avgEntryPrice: PriceC,
    costKrw: NonNegativeKrwC,
    feesKrw: NonNegativeKrwC,
  }),
);
export const PeakPriceRaised = envelope(
  'PeakPriceRaised',
  t.strict({ price: PriceC, at: IsoDateTime }),
);
export const ExitTriggered = envelope(
  'ExitTriggered',
  t.strict({
    reason: ExitReason,
    triggerPrice: t.union([PriceC, t.null]),
    at: IsoDateTime,
    detail: t.union([t.string, t.null]),
  }),
);
export const ExitOrderRequested = envelope('ExitOrderRequested', OrderRequest);
export const ExitFilled = envelope('ExitFilled', Fill);
/**
 * An order of the position reached a final exchange state (`done`, or `cancel` with whatever
 * executed). Its fills may still be arriving: the order is settled once they add up to
 * `executedVolume`. A market buy that ends `cancel` with executed volume is a fill.
 */
export const OrderFinished = envelope(
  'OrderFinished',
  t.strict({
    orderId: OrderId,
    state: t.keyof({ done: null, cancel: null }),
    executedVolume: VolumeC,
  }),
);
/**
 * An order of the position never existed on the exchange: rejected by Upbit, denied by a
 * pre-trade check, refused as too old to send (`expired`, entries only), or proven not placed
 * after an unknown outcome (for the last two a new attempt may follow).
 */
export const OrderFailed = envelope(
  'OrderFailed',
  t.strict({
    orderId: OrderId,
    /** `expired`: an entry refused for its age (`OrderDenied` `order-expired`); a new attempt may follow. */
    cause: t.keyof({ rejected: null, denied: null, 'not-placed': null, expired: null }),
    /** Upbit error name, denial reason, or `not-placed`. */
    code: t.string,
    message: t.string,
  }),
);
export const PositionClosed = envelope(
  'PositionClosed',
  t.strict({
    reason: t.union([ExitReason, t.literal('cancelled')]),
    realizedPnlKrw: KrwC,
    proceedsKrw: NonNegativeKrwC,
    feesKrw: NonNegativeKrwC,
    /** Volume left below the exchange minimum (recorded, not sold). */
    dustVolume: VolumeC,
    /** The price the dust was valued at (below 5,000 KRW in total); null when no dust is left. */
    dustPrice: t.union([PriceC, t.null]),
  }),
);
export const PositionFailed = envelope(
  'PositionFailed',
  t.strict({
    orderId: t.union([OrderId, t.null]),
    cause: t.keyof({ 'order-rejected': null, 'order-denied': null, 'order-unresolvable': null }),
    /** Upbit error name or denial reason. */
    code: t.string,
    message: t.string,
  }),
);
export const EntryOrderCancelRequested = envelope(
  'EntryOrderCancelRequested',
  t.strict({ orderId: OrderId }),
);
/**
 * A close or a risk halt reached a closing position whose exit is a resting limit order: it is
 * cancelled, and what it did not sell goes out at market as the next attempt.
 */
export const ExitOrderCancelRequested = envelope(
  'ExitOrderCancelRequested',
  t.strict({ orderId: OrderId, reason: t.keyof({ 'operator-close': null, 'risk-halt': null }) }),
);
/** A risk halt reached a pending position: its entry is cancelled (active ones exit instead). */
export const RiskHaltReceived = envelope(
  'RiskHaltReceived',
  t.strict({ haltId: t.string, detail: t.string }),
);
export const PositionPaused = envelope('PositionPaused', IssuedBy);
export const PositionResumed = envelope('PositionResumed', IssuedBy);
export const CloseRequested = envelope('CloseRequested', IssuedBy);
export const CloseRetried = envelope('CloseRetried', IssuedBy);
export const ErrorDismissed = envelope('ErrorDismissed', IssuedBy);

/** Every event of a position stream (`position-<id>`), as stored and as published. */
export const PositionEvent = t.union(
  [
    PositionOpened,
    EntryOrderRequested,
    EntryFilled,
    PositionActivated,
    PeakPriceRaised,
    ExitTriggered,
    ExitOrderRequested,
    ExitFilled,
    OrderFinished,
    OrderFailed,
    PositionClosed,
    PositionFailed,
    EntryOrderCancelRequested,
    ExitOrderCancelRequested,
    RiskHaltReceived,
    PositionPaused,
    PositionResumed,
    CloseRequested,
    CloseRetried,
    ErrorDismissed,
  ],
  'PositionEvent',
);
export type PositionEvent = t.TypeOf<typeof PositionEvent>;
export type PositionEventType = PositionEvent['type'];
/** The position event of one type. */
export type PositionEventOf<T extends PositionEventType> = Extract<PositionEvent, { type: T }>;

export const PositionStatus = t.keyof(
  { pending: null, active: null, closing: null, closed: null, error: null },
  'PositionStatus',
);
export type PositionStatus = t.TypeOf<typeof PositionStatus>;

/**
 * A position's exit levels as prices on Upbit's tick grid: where the engine's exits fire
 * (libs/position `exitPrices`). Stops fire at or below their price, take-profit at or above;
 * `trailingStop` is placed for the peak (null until `trailingArmsAt` is reached, or without a
 * trailing stop); `timeLimitAt` is when the time exit fires. Null: the strategy has no such exit.
 */
export const ExitLevelPrices = t.strict(
  {
    takeProfit: t.union([PriceC, t.null]),
    stopLoss: t.union([PriceC, t.null]),
    trailingStop: t.union([PriceC, t.null]),
    trailingArmsAt: t.union([PriceC, t.null]),
    timeLimitAt: t.union([IsoDateTime, t.null]),
  },
  'ExitLevelPrices',
);
export type ExitLevelPrices = t.TypeOf<typeof ExitLevelPrices>;

/** The live snapshot of a position, published on `hoga.position.state.<id>` (latest value). */
export const PositionState = envelope(
  'PositionState',
  t.strict({
    positionId: PositionId,
    strategyId: StrategyId,
    market: Market,
    status: PositionStatus,
    paused: t.boolean,
    /** Volume held now. */
    volume: VolumeC,
    avgEntryPrice: t.union([PriceC, t.null]),
    peakPrice: t.union([PriceC, t.null]),
    /** The last tick the actor saw, else the position's last trade; null before either. */
    lastPrice: t.union([PriceC, t.null]),
    /** Mark-to-market PnL after the exit fee, at `lastPrice`. */
    unrealizedPnlKrw: KrwC,
    realizedPnlKrw: KrwC,
    exitReason: t.union([ExitReason, t.literal('cancelled'), t.null]),
    /** When the position became active (its entry filled); null before. */
    enteredAt: t.union([IsoDateTime, t.null]),
    /** Its exit levels, from activation on (null before). */
    exitLevels: t.union([ExitLevelPrices, t.null]),
    /**
     * Why the position is in error (the `PositionFailed` cause and code: an Upbit error name or a
     * denial reason such as `exchange-access-lost`); null when it is not in error.
     */
    failure: t.union([
      t.strict({
        cause: PositionFailed.type.props.data.type.props.cause,
        code: t.string,
      }),
      t.null,
    ]),
    /** Stream version the snapshot reflects. */
    version: t.number,
  }),
);
export type PositionState = t.TypeOf<typeof PositionState>;
