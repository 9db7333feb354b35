import type { PlaceOrder } from '@hoga/contracts';
import {
  krw,
  volume,
  type Krw,
  type Market,
  type OrderId,
  type PositionId,
  type Price,
  type Volume,
} from '@hoga/model';

/**
 * Where an order row stands. `new` (stored, nothing sent) -> `submitting` (committed before the
 * POST) -> `open` (Upbit has it) -> `done` | `cancel`; or `denied` (pre-trade), `rejected`
 * (Upbit said no), `unknown` (the POST's outcome is not known) -> `open` (found by identifier) |
 * `not_placed` (its absence is proven). See the README for the diagram.
 */
export type OrderState =
  | 'new'
  | 'submitting'
  | 'unknown'
  | 'open'
  | 'done'
  | 'cancel'
  | 'rejected'
  | 'denied'
  | 'not_placed';

/** States that still need work: every other state is final. */
export const LIVE_STATES = ['new', 'submitting', 'unknown', 'open'] as const;
export type LiveState = (typeof LIVE_STATES)[number];

/** True for a state no event can move any more. */
export const isFinal = (state: OrderState): boolean =>
  !(LIVE_STATES as readonly string[]).includes(state);

/** One order intent as the executor knows it. */
export interface OrderRecord {
  readonly orderId: OrderId;
  readonly identifier: string;
  readonly positionId: PositionId;
  readonly leg: 'entry' | 'exit';
  readonly attempt: number;
  readonly market: Market;
  readonly side: 'bid' | 'ask';
  readonly kind: 'market' | 'limit';
  readonly price: Price | null;
  readonly volume: Volume | null;
  readonly totalKrw: Krw | null;
  readonly state: OrderState;
  readonly exchangeUuid: string | null;
  /** Upbit's figures from its latest snapshot of the order. */
  readonly executedVolume: Volume;
  readonly executedFunds: Krw;
  readonly paidFee: Krw;
  readonly exchangeTradesCount: number;
  /** Id and correlation of the PlaceOrder message: causation of every event of the order. */
  readonly commandId: string;
  readonly correlationId: string;
  readonly detail: string | null;
  readonly lastSentAt: Date | null;
  readonly unknownSince: Date | null;
  readonly notFoundLookups: number;
  readonly lookups: number;
  readonly nextLookupAt: Date | null;
  readonly alertedAt: Date | null;
  readonly cancelRequestedAt: Date | null;
  readonly cancelSentAt: Date | null;
  /** When the position decided the order (the PlaceOrder's `occurredAt`); null on rows stored before it was kept. */
  readonly decidedAt: Date | null;
  /** Sends Upbit refused before acting (429/418). */
  readonly sendRefusals: number;
  readonly sendAlertedAt: Date | null;
  readonly createdAt: Date;
  /** When the row last changed. */
  readonly lastChangedAt: Date;
}

/** One Upbit trade of an order, as recorded (exact decimals). */
export interface Trade {
  readonly uuid: string;
  readonly price: Price;
  readonly volume: Volume;
  /** price x volume. */
  readonly funds: Krw;
  readonly fee: Krw;
  readonly at: Date;
  readonly source: 'ws' | 'rest';
}

/** The command's decision time, or null when its `occurredAt` is not a time (it is validated upstream). */
function decidedAt(command: PlaceOrder): Date | null {
  const at = new Date(command.occurredAt);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The order a PlaceOrder asks for, as it is stored at `now`: `new`, nothing sent. */
export function newOrderRecord(command: PlaceOrder, now: Date): OrderRecord {
  const d = command.data;
  return {
    orderId: d.orderId,
    identifier: d.identifier,
    positionId: d.positionId,
    leg: d.leg,
    attempt: d.attempt,
    market: d.market,
    side: d.side,
    kind: d.kind,
    price: d.price,
    volume: d.volume,
    totalKrw: d.totalKrw,
    state: 'new',
    exchangeUuid: null,
    executedVolume: volume(0),
    executedFunds: krw(0),
    paidFee: krw(0),
    exchangeTradesCount: 0,
    commandId: command.id,
    correlationId: command.correlationId,
    detail: null,
    lastSentAt: null,
    unknownSince: null,
    notFoundLookups: 0,
    lookups: 0,
    nextLookupAt: null,
    alertedAt: null,
    cancelRequestedAt: null,
    cancelSentAt: null,
    decidedAt: decidedAt(command),
    sendRefusals: 0,
    sendAlertedAt: null,
    createdAt: now,
    lastChangedAt: now,
  };
}

/** A new order as it is when its send is on record (`submitting`, sent at `at`). */
export const sentAt = (order: OrderRecord, at: Date): OrderRecord => ({
  ...order,
  state: 'submitting',
  lastSentAt: at,
  lastChangedAt: at,
});
