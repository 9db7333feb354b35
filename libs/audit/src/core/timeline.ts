import type { OrderRequest, PositionEvent } from '@hoga/contracts';
import type { PositionPhase } from '@hoga/position';

/** One line of a position's timeline: what happened, with its figures (exact decimal strings). */
export interface TimelineEntry {
  readonly version: number;
  /** When it happened (the event's `occurredAt`). */
  readonly at: string;
  /** When the store recorded it (ISO-8601). */
  readonly recordedAt: string;
  readonly type: string;
  readonly price: string | null;
  readonly volume: string | null;
  /** KRW: a fill's funds, an order's total, a close's realized PnL. */
  readonly krw: string | null;
  readonly fee: string | null;
  /** The machine's state after the event (unchanged when the event was refused). */
  readonly stateAfter: PositionPhase;
  /** Who, for operator commands (`cli:alice@host`, `dashboard:bob`) and the run. */
  readonly by: string | null;
  /** The rest, in a few words (reason, order, attempt, cause). */
  readonly detail: string | null;
  /** The operator command's id, for operator commands. */
  readonly commandId: string | null;
  /** True when the machine refused the event or it did not decode (see the findings). */
  readonly refused: boolean;
}

/** The figures of a timeline entry, by event. */
type Figures = Pick<
  TimelineEntry,
  'price' | 'volume' | 'krw' | 'fee' | 'by' | 'detail' | 'commandId'
>;

const NONE: Figures = {
  price: null,
  volume: null,
  krw: null,
  fee: null,
  by: null,
  detail: null,
  commandId: null,
};
const str = (d: { toString(): string } | null): string | null => (d === null ? null : d.toString());

const orderDetail = (r: OrderRequest): string =>
  `${r.kind} ${r.side} ${r.orderId} attempt ${r.attempt}` +
  (r.kind === 'limit' ? ` at ${r.price?.toString() ?? '?'}` : '');

/** The figures of one position event for the timeline. */
export function figuresOf(e: PositionEvent): Figures {
  switch (e.type) {
    case 'PositionOpened':
      return {
        ...NONE,
        krw: e.data.budgetKrw.toString(),
        by: e.data.openedBy,
        detail: `${e.data.strategyId} on ${e.data.market}`,
      };
    case 'EntryOrderRequested':
    case 'ExitOrderRequested':
      return {
        ...NONE,
        price: str(e.data.price),
        volume: str(e.data.volume),
        krw: str(e.data.totalKrw),
        detail: orderDetail(e.data),
      };
    case 'EntryFilled':
    case 'ExitFilled':
      return {
        ...NONE,
        price: e.data.price.toString(),
        volume: e.data.volume.toString(),
        krw: e.data.funds.toString(),
        fee: e.data.fee.toString(),
        detail: `trade ${e.data.tradeUuid} of ${e.data.orderId}`,
      };
    case 'PositionActivated':
      return {
        ...NONE,
        price: e.data.avgEntryPrice.toString(),
        volume: e.data.volume.toString(),
        krw: e.data.costKrw.toString(),
        fee: e.data.feesKrw.toString(),
        detail: 'average entry price, cost',
      };
    case 'PeakPriceRaised':
      return { ...NONE, price: e.data.price.toString() };
    case 'ExitTriggered':
      return {
        ...NONE,
        price: str(e.data.triggerPrice),
        detail: e.data.reason + (e.data.detail === null ? '' : `: ${e.data.detail}`),
      };
    case 'OrderFinished':
      return {
        ...NONE,
        volume: e.data.executedVolume.toString(),
        detail: `${e.data.orderId} ${e.data.state}`,
      };
    case 'OrderFailed':
      return { ...NONE, detail: `${e.data.orderId} ${e.data.cause}: ${e.data.code}` };
    case 'PositionClosed':
      return {
        ...NONE,
        price: str(e.data.dustPrice),
        volume: e.data.dustVolume.isZero() ? null : e.data.dustVolume.toString(),
        krw: e.data.realizedPnlKrw.toString(),
        fee: e.data.feesKrw.toString(),
        detail:
          `${e.data.reason}, realized PnL` +
          (e.data.dustVolume.isZero() ? '' : `, dust ${e.data.dustVolume.toString()}`),
      };
    case 'PositionFailed':
      return { ...NONE, detail: `${e.data.cause}: ${e.data.code}` };
    case 'EntryOrderCancelRequested':
      return { ...NONE, detail: e.data.orderId };
    case 'ExitOrderCancelRequested':
      return { ...NONE, detail: `${e.data.orderId} (${e.data.reason})` };
    case 'RiskHaltReceived':
      return { ...NONE, detail: e.data.detail };
    case 'PositionPaused':
    case 'PositionResumed':
    case 'CloseRequested':
    case 'CloseRetried':
    case 'ErrorDismissed':
      return { ...NONE, by: e.data.issuedBy, detail: e.data.reason, commandId: e.data.commandId };
  }
}
