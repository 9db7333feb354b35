import type { Selectable, Updateable } from 'kysely';
import { krw, price, volume, type Market, type OrderId, type PositionId } from '@hoga/model';
import type { OrderRecord, OrderState, Trade } from '../../domain/order-record.js';
import type { OrdersTable, TradesTable } from './tables.js';

const orNull = <T>(text: string | null, make: (s: string) => T): T | null =>
  text === null ? null : make(text);

/** An `orders` row as a domain record (decimals from numeric text). */
export function toOrderRecord(row: Selectable<OrdersTable>): OrderRecord {
  return {
    orderId: row.order_id as OrderId,
    identifier: row.identifier,
    positionId: row.position_id as PositionId,
    leg: row.leg === 'exit' ? 'exit' : 'entry',
    attempt: row.attempt,
    market: row.market as Market,
    side: row.side === 'ask' ? 'ask' : 'bid',
    kind: row.kind === 'limit' ? 'limit' : 'market',
    price: orNull(row.price, price),
    volume: orNull(row.volume, volume),
    totalKrw: orNull(row.total_krw, krw),
    state: row.state as OrderState,
    exchangeUuid: row.exchange_uuid,
    executedVolume: volume(row.executed_volume),
    executedFunds: krw(row.executed_funds),
    paidFee: krw(row.paid_fee),
    exchangeTradesCount: row.exchange_trades_count,
    commandId: row.command_id,
    correlationId: row.correlation_id,
    detail: row.detail,
    lastSentAt: row.last_sent_at,
    unknownSince: row.unknown_since,
    notFoundLookups: row.not_found_lookups,
    lookups: row.lookups,
    nextLookupAt: row.next_lookup_at,
    alertedAt: row.alerted_at,
    cancelRequestedAt: row.cancel_requested_at,
    cancelSentAt: row.cancel_sent_at,
    decidedAt: row.decided_at,
    sendRefusals: row.send_refusals,
    sendAlertedAt: row.send_alerted_at,
    createdAt: row.created_at,
    lastChangedAt: row.updated_at,
  };
}

/** A `trades` row as a domain trade. */
export function toTrade(row: Selectable<TradesTable>): Trade {
  return {
    uuid: row.trade_uuid,
    price: price(row.price),
    volume: volume(row.volume),
    funds: krw(row.funds),
    fee: krw(row.fee),
    at: row.traded_at,
    source: row.source === 'ws' ? 'ws' : 'rest',
  };
}

/** What a transaction may change on an order row. */
export interface OrderPatch {
  readonly state?: OrderState;
  readonly exchangeUuid?: string;
  readonly executed?: {
    readonly volume: string;
    readonly funds: string;
    readonly paidFee: string;
    readonly tradesCount: number;
  };
  readonly detail?: string | null;
  readonly lastSentAt?: Date;
  readonly unknownSince?: Date | null;
  readonly notFoundLookups?: number;
  readonly lookups?: number;
  readonly nextLookupAt?: Date | null;
  readonly alertedAt?: Date;
  readonly cancelRequestedAt?: Date;
  readonly cancelSentAt?: Date;
  readonly sendRefusals?: number;
  readonly sendAlertedAt?: Date;
}

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

/** The column values of a patch (only what it sets). */
export function patchColumns(p: OrderPatch): Updateable<OrdersTable> {
  const c: Mutable<Updateable<OrdersTable>> = {};
  if (p.state !== undefined) c.state = p.state;
  if (p.exchangeUuid !== undefined) c.exchange_uuid = p.exchangeUuid;
  if (p.executed !== undefined) {
    c.executed_volume = p.executed.volume;
    c.executed_funds = p.executed.funds;
    c.paid_fee = p.executed.paidFee;
    c.exchange_trades_count = p.executed.tradesCount;
  }
  if (p.detail !== undefined) c.detail = p.detail;
  if (p.lastSentAt !== undefined) c.last_sent_at = p.lastSentAt;
  if (p.unknownSince !== undefined) c.unknown_since = p.unknownSince;
  if (p.notFoundLookups !== undefined) c.not_found_lookups = p.notFoundLookups;
  if (p.lookups !== undefined) c.lookups = p.lookups;
  if (p.nextLookupAt !== undefined) c.next_lookup_at = p.nextLookupAt;
  if (p.alertedAt !== undefined) c.alerted_at = p.alertedAt;
  if (p.cancelRequestedAt !== undefined) c.cancel_requested_at = p.cancelRequestedAt;
  if (p.cancelSentAt !== undefined) c.cancel_sent_at = p.cancelSentAt;
  if (p.sendRefusals !== undefined) c.send_refusals = p.sendRefusals;
  if (p.sendAlertedAt !== undefined) c.send_alerted_at = p.sendAlertedAt;
  return c;
}
