import type {
  OrderAccepted,
  OrderCancelled,
  OrderCompleted,
  OrderDenialReason,
  OrderDenied,
  OrderFilled,
  OrderNotPlaced,
  OrderRejected,
  OrderUnknown,
  Provenance,
} from '@hoga/contracts';
import { wrap } from '@hoga/contracts';
import type { Krw, Volume } from '@hoga/model';
import { orderEventId, type OrderEventKind } from './event-ids.js';
import type { OrderRecord, Trade } from './order-record.js';

/** Cuts free text to what the event codecs accept. */
export const clip = (text: string, max = 1000): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** Why an outcome is unknown, as `OrderUnknown` names it. */
export type UnknownCause = OrderUnknown['data']['cause'];

/** The final figures of an order as Upbit reports them. */
export interface Completion {
  readonly state: 'done' | 'cancel';
  readonly executedVolume: Volume;
  readonly executedFunds: Krw;
  readonly paidFee: Krw;
  readonly tradesCount: number;
}

/**
 * Builds the events of one order. Ids are deterministic ({@link orderEventId}); the PlaceOrder
 * is the causation of every event, its correlation id is carried on.
 */
export class OrderEventFactory {
  constructor(
    private readonly order: OrderRecord,
    private readonly now: Date,
  ) {}

  private provenance(kind: OrderEventKind, tradeUuid?: string): Provenance {
    return {
      id: orderEventId(this.order.orderId, kind, tradeUuid),
      occurredAt: this.now.toISOString(),
      causationId: this.order.commandId,
      correlationId: this.order.correlationId,
    };
  }

  private get placed() {
    const { positionId, orderId, identifier } = this.order;
    return { positionId, orderId, identifier };
  }

  accepted(exchangeOrderId: string, via: 'response' | 'lookup'): OrderAccepted {
    return wrap(
      'OrderAccepted',
      { ...this.placed, exchangeOrderId, via },
      this.provenance('accepted'),
    );
  }

  filled(exchangeOrderId: string, trade: Trade): OrderFilled {
    const { positionId, orderId, market, side } = this.order;
    const data = {
      positionId,
      orderId,
      tradeUuid: trade.uuid,
      price: trade.price,
      volume: trade.volume,
      funds: trade.funds,
      fee: trade.fee,
      at: trade.at.toISOString(),
      exchangeOrderId,
      market,
      side,
    };
    return wrap('OrderFilled', data, this.provenance('filled', trade.uuid));
  }

  completed(exchangeOrderId: string, c: Completion): OrderCompleted {
    const { positionId, orderId } = this.order;
    const data = { positionId, orderId, exchangeOrderId, ...c };
    return wrap('OrderCompleted', data, this.provenance('completed'));
  }

  rejected(name: string, message: string, httpStatus: number | null): OrderRejected {
    const error = { name: clip(name, 100), message: clip(message) };
    return wrap(
      'OrderRejected',
      { ...this.placed, error, httpStatus },
      this.provenance('rejected'),
    );
  }

  denied(reason: OrderDenialReason, detail: string): OrderDenied {
    const data = { ...this.placed, reason, detail: clip(detail) };
    return wrap('OrderDenied', data, this.provenance('denied'));
  }

  unknown(cause: UnknownCause, detail: string): OrderUnknown {
    const data = { ...this.placed, cause, detail: clip(detail) };
    return wrap('OrderUnknown', data, this.provenance('unknown'));
  }

  notPlaced(detail: string): OrderNotPlaced {
    const data = { ...this.placed, detail: clip(detail) };
    return wrap('OrderNotPlaced', data, this.provenance('not-placed'));
  }

  cancelled(exchangeOrderId: string | null): OrderCancelled {
    const { positionId, orderId } = this.order;
    const data = { positionId, orderId, exchangeOrderId };
    return wrap('OrderCancelled', data, this.provenance('cancelled'));
  }
}
