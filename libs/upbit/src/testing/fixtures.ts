/** An order as Upbit's REST API writes it (decimal strings). */
export const limitBidJson = {
  uuid: 'cdd92199-2897-4e14-9448-f923320408ad',
  side: 'bid',
  ord_type: 'limit',
  price: '100000000',
  state: 'wait',
  market: 'KRW-BTC',
  created_at: '2026-11-23T18:00:00+09:00',
  volume: '0.01',
  remaining_volume: '0.01',
  reserved_fee: '500',
  remaining_fee: '500',
  paid_fee: '0',
  locked: '1000500',
  executed_volume: '0',
  trades_count: 0,
  identifier: 'pos-1-entry-1',
};

/** A market buy that ended `cancel` with a fill: no volume, trades_count as a string. */
export const marketBuyJson = {
  uuid: '8a9c1f1e-0000-4000-8000-000000000001',
  side: 'bid',
  ord_type: 'price',
  price: '10000',
  state: 'cancel',
  market: 'KRW-BTC',
  created_at: '2026-11-23T18:00:00+09:00',
  volume: null,
  remaining_volume: null,
  reserved_fee: '5',
  remaining_fee: '0.00000001',
  paid_fee: '4.99999999',
  locked: '0.00000001',
  executed_volume: '0.00010101',
  trades_count: '2',
};

/** A market sell: no price at all. */
export const marketSellJson = {
  uuid: '8a9c1f1e-0000-4000-8000-000000000002',
  side: 'ask',
  ord_type: 'market',
  state: 'done',
  market: 'KRW-BTC',
  created_at: '2026-11-23T18:00:00+09:00',
  volume: '0.5',
  remaining_volume: '0',
  reserved_fee: '0',
  remaining_fee: '0',
  paid_fee: '2500.25',
  locked: '0',
  executed_volume: '0.5',
  trades_count: 3,
};
