import { deepEqual } from 'node:assert/strict';
import { toSimple } from './simple-format.js';

describe('SIMPLE format', () => {
  it('shortens keys per type, including nested orderbook units and assets', () => {
    deepEqual(
      toSimple({
        type: 'trade',
        code: 'KRW-BTC',
        trade_price: 1,
        sequential_id: 2,
        stream_type: 'REALTIME',
      }),
      { ty: 'trade', cd: 'KRW-BTC', tp: 1, sid: 2, st: 'REALTIME' },
    );
    deepEqual(toSimple({ type: 'orderbook', orderbook_units: [{ ask_price: 1, bid_size: 2 }] }), {
      ty: 'orderbook',
      obu: [{ ap: 1, bs: 2 }],
    });
    deepEqual(toSimple({ type: 'myAsset', assets: [{ currency: 'KRW', balance: 1, locked: 0 }] }), {
      ty: 'myAsset',
      ast: [{ cu: 'KRW', b: 1, l: 0 }],
    });
    deepEqual(toSimple({ type: 'candle.1m', candle_acc_trade_volume: 3 }), {
      ty: 'candle.1m',
      catv: 3,
    });
  });
});
