import * as t from 'io-ts';
import { nullable } from '@hoga/contracts';
import { compiledDecoder, KrwC, NonNegativeKrwC, PriceC, VolumeC } from '@hoga/model';
import type { ExecutorOrder, ExecutorTrade } from '../core/executor-records.js';
import { AuditSourceError } from './audit-source.error.js';

/**
 * A row of order-executor's `orders` table, as the audit reads it (the table's owner is
 * order-executor, migration `0001_orders_trades_events`).
 */
const OrderRow = t.type(
  {
    order_id: t.string,
    identifier: t.string,
    position_id: t.string,
    leg: t.string,
    side: t.string,
    state: t.string,
    exchange_uuid: nullable(t.string),
  },
  'OrderRow',
);

/** A row of order-executor's `trades` table (numerics selected as text: exact decimals). */
const TradeRow = t.type(
  {
    trade_uuid: t.string,
    order_id: t.string,
    market: t.string,
    side: t.string,
    price: PriceC,
    volume: VolumeC,
    funds: NonNegativeKrwC,
    // Any sign decodes, so that an edited fee is a finding, not a failure to read.
    fee: KrwC,
    traded_at: t.string,
  },
  'TradeRow',
);

/**
 * A row decoder: what `decodeWith(codec, row)` gives, through the codec compiled once (a whole
 * store's audit reads two rows of these tables for every ten events); a row it cannot read
 * throws `corrupt-row`.
 */
function rowDecoder<A, O>(codec: t.Type<A, O, unknown>): (row: unknown, key: string) => A {
  const decode = compiledDecoder(codec);
  return (row, key) => {
    const decoded = decode(row);
    if (decoded._tag === 'Left')
      throw new AuditSourceError(
        'corrupt-row',
        `order-executor's ${codec.name} ${key} is not what the audit can read: ${decoded.left.message}`,
        { cause: decoded.left },
      );
    return decoded.right;
  };
}

const decodeOrderRow = rowDecoder(OrderRow);
const decodeTradeRow = rowDecoder(TradeRow);

/** An `orders` row, decoded. */
export function orderOfRow(raw: Record<string, unknown>): ExecutorOrder {
  const r = decodeOrderRow(raw, String(raw['order_id']));
  return {
    orderId: r.order_id,
    identifier: r.identifier,
    positionId: r.position_id,
    leg: r.leg,
    side: r.side,
    state: r.state,
    exchangeUuid: r.exchange_uuid,
  };
}

/** A `trades` row, decoded. */
export function tradeOfRow(raw: Record<string, unknown>): ExecutorTrade {
  const r = decodeTradeRow(raw, String(raw['trade_uuid']));
  return {
    tradeUuid: r.trade_uuid,
    orderId: r.order_id,
    market: r.market,
    side: r.side,
    price: r.price,
    volume: r.volume,
    funds: r.funds,
    fee: r.fee,
    tradedAt: r.traded_at,
  };
}
