import type { OrderEvent, OrderRequest } from '@hoga/contracts';
import {
  dec,
  DEFAULT_FEE_RATE,
  truncateVolume,
  Decimal,
  type Krw,
  type Market,
  type OrderId,
  type Price,
  type Volume,
} from '@hoga/model';
import { POSITION_ID } from './position.js';

/** One order as a consistent exchange sees it. */
interface ExchangeOrder {
  readonly request: OrderRequest;
  volume: Decimal;
  funds: Decimal;
  trades: number;
  open: boolean;
}

/**
 * A small, consistent Upbit for the model test: it learns the orders the position asks for,
 * fills them at the market (or their limit) price within what they asked, ends them, or fails
 * them when nothing traded, and queues the executor's events for delivery in any order.
 */
export class ExchangeModel {
  readonly orders: ExchangeOrder[] = [];
  readonly outbox: OrderEvent[] = [];
  private seq = 0;

  place(request: OrderRequest): void {
    if (this.orders.some((o) => o.open))
      throw new Error(`a second order is open on the exchange: ${request.orderId}`);
    this.orders.push({ request, volume: dec(0), funds: dec(0), trades: 0, open: true });
  }
  private get current(): ExchangeOrder | undefined {
    const last = this.orders.at(-1);
    return last?.open ? last : undefined;
  }
  private envelope(kind: string) {
    this.seq += 1;
    return {
      id: `ex-${kind}-${this.seq}`,
      occurredAt: '2026-11-23T00:00:00.000Z',
      causationId: null,
      correlationId: POSITION_ID,
    };
  }
  private placed(o: ExchangeOrder) {
    return {
      positionId: POSITION_ID,
      orderId: o.request.orderId,
      identifier: o.request.identifier,
    };
  }

  /** A trade of `share` % of what the current order has left, at `market` (or its limit). */
  fill(share: number, market: Decimal): void {
    const o = this.current;
    if (o === undefined) return;
    const r = o.request;
    const price = r.price ?? market;
    const left =
      r.totalKrw !== null ? r.totalKrw.minus(o.funds).div(price) : r.volume!.minus(o.volume);
    const volume =
      share === 100 && r.totalKrw === null ? left : truncateVolume(left.mul(share).div(100));
    if (volume.lte(0)) return;
    const funds = volume.mul(price);
    o.volume = o.volume.plus(volume);
    o.funds = o.funds.plus(funds);
    o.trades += 1;
    const data = {
      positionId: POSITION_ID,
      orderId: r.orderId,
      tradeUuid: `trade-${this.seq}`,
      price: price as Price,
      volume: volume as Volume,
      funds: funds as Krw,
      fee: funds.mul(DEFAULT_FEE_RATE) as Krw,
      at: '2026-11-23T00:00:00.000Z',
    };
    this.outbox.push({
      ...this.envelope('fill'),
      type: 'OrderFilled',
      data: { ...data, exchangeOrderId: `u-${r.orderId}`, market: r.market, side: r.side },
    });
    if (r.volume !== null && o.volume.eq(r.volume)) this.complete();
  }
  /** The current order ends: `done` when it executed all it asked, else `cancel` with what executed. */
  complete(): void {
    const o = this.current;
    if (o === undefined) return;
    o.open = false;
    const state = o.request.volume !== null && o.volume.eq(o.request.volume) ? 'done' : 'cancel';
    const data = {
      positionId: POSITION_ID,
      orderId: o.request.orderId,
      exchangeOrderId: `u-${o.request.orderId}`,
      state,
      executedVolume: o.volume as Volume,
      executedFunds: o.funds as Krw,
      paidFee: dec(0) as Krw,
      tradesCount: o.trades,
    } as const;
    this.outbox.push({ ...this.envelope('done'), type: 'OrderCompleted', data });
  }
  /** The current order (of `leg`, if given) never existed (only possible before any trade). */
  fail(
    cause: 'rejected' | 'denied' | 'not-placed' | 'unsent' | 'expired',
    leg?: 'entry' | 'exit',
  ): void {
    const o = this.current;
    if (o === undefined || o.trades > 0 || (leg !== undefined && o.request.leg !== leg)) return;
    // The executor refuses only entries for their age (ADR 0030).
    if (cause === 'expired' && o.request.leg !== 'entry') return;
    o.open = false;
    const p = this.placed(o);
    const e = this.envelope(cause);
    if (cause === 'rejected')
      this.outbox.push({
        ...e,
        type: 'OrderRejected',
        data: { ...p, error: { name: 'invalid_price_ask', message: 'no' }, httpStatus: 400 },
      });
    if (cause === 'denied')
      this.outbox.push({
        ...e,
        type: 'OrderDenied',
        data: { ...p, reason: 'trading-halted', detail: 'HALTED' },
      });
    if (cause === 'expired')
      this.outbox.push({
        ...e,
        type: 'OrderDenied',
        data: { ...p, reason: 'order-expired', detail: 'too old to send' },
      });
    if (cause === 'not-placed')
      this.outbox.push({ ...e, type: 'OrderNotPlaced', data: { ...p, detail: 'absent' } });
    if (cause === 'unsent')
      this.outbox.push({
        ...e,
        type: 'OrderCancelled',
        data: { positionId: POSITION_ID, orderId: p.orderId, exchangeOrderId: null },
      });
  }
  /** An event that changes nothing: accepted, or an unknown outcome being looked up. */
  note(kind: 'accepted' | 'unknown'): void {
    const o = this.current;
    if (o === undefined) return;
    const e = this.envelope(kind);
    if (kind === 'accepted')
      this.outbox.push({
        ...e,
        type: 'OrderAccepted',
        data: { ...this.placed(o), exchangeOrderId: `u-${o.request.orderId}`, via: 'response' },
      });
    else
      this.outbox.push({
        ...e,
        type: 'OrderUnknown',
        data: { ...this.placed(o), cause: 'timeout', detail: 'timeout' },
      });
  }
  /** A fill no order of this position made (another position's, or an unknown order). */
  bogus(market: Decimal, otherPosition: boolean): OrderEvent {
    const data = {
      positionId: otherPosition ? 'pos-2' : POSITION_ID,
      orderId: (otherPosition ? 'pos-2-e1' : 'pos-1-e99') as OrderId,
      tradeUuid: `bogus-${(this.seq += 1)}`,
      price: market as Price,
      volume: dec('0.0001') as Volume,
      funds: market.mul('0.0001') as Krw,
      fee: dec(0) as Krw,
      at: '2026-11-23T00:00:00.000Z',
    };
    return {
      ...this.envelope('bogus'),
      type: 'OrderFilled',
      data: {
        ...data,
        positionId: data.positionId as typeof POSITION_ID,
        exchangeOrderId: 'u-x',
        market: 'KRW-BTC' as Market,
        side: 'bid',
      },
    };
  }
  /** Trades the exchange made, by order: the books the position must agree with. */
  executed(leg: 'entry' | 'exit'): Decimal {
    return this.orders
      .filter((o) => o.request.leg === leg)
      .reduce((sum, o) => sum.plus(o.volume), new Decimal(0));
  }
}
