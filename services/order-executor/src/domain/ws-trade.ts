import { hasValidVolumeDecimals, krw, price, volume, type Decimal } from '@hoga/model';
import type { MyOrderMessage } from '@hoga/upbit';
import type { Trade } from './order-record.js';

/**
 * The trade of a myOrder `trade` frame, or null when the frame cannot give an exact one (a
 * field missing, or a JSON number that does not read back as an 8-decimal volume): the REST
 * order detail then supplies it. Funds are price x volume; the fee is funds x the fee rate,
 * the same rule as for REST trades, so a trade reads the same whichever source came first.
 */
export function tradeOfMyOrder(m: MyOrderMessage, feeRate: Decimal): Trade | null {
  if (m.state !== 'trade' || !m.trade_uuid || !m.price || !m.volume) return null;
  if (!m.price.gt(0) || !m.volume.gt(0) || !hasValidVolumeDecimals(m.volume)) return null;
  const funds = krw(m.price.mul(m.volume));
  return {
    uuid: m.trade_uuid,
    price: price(m.price),
    volume: volume(m.volume),
    funds,
    fee: krw(funds.mul(feeRate)),
    at: new Date(m.trade_timestamp ?? m.timestamp),
    source: 'ws',
  };
}
