import { equal, ok } from 'node:assert/strict';
import { dec, decodeOrThrow } from '@hoga/model';
import { MyOrderMessageC } from '@hoga/upbit';
import { tradeOfMyOrder } from './ws-trade.js';

const frame = (over: Record<string, unknown>) =>
  decodeOrThrow(MyOrderMessageC, {
    type: 'myOrder',
    code: 'KRW-BTC',
    uuid: 'u-1',
    ask_bid: 'BID',
    order_type: 'limit',
    state: 'trade',
    trade_uuid: 't-1',
    price: 99000000,
    volume: 0.0050505,
    trade_timestamp: 1795000000000,
    timestamp: 1795000000001,
    ...over,
  });

describe('tradeOfMyOrder', () => {
  it('reads the fill exactly: funds = price x volume, fee = funds x rate', () => {
    const trade = tradeOfMyOrder(frame({}), dec('0.0005'));
    ok(trade);
    ok(trade.volume.eq('0.0050505') && trade.funds.eq('499999.5'));
    ok(trade.fee.eq('249.99975'));
    equal(trade.at.getTime(), 1795000000000);
  });

  it('gives up on frames that cannot give an exact trade (REST then supplies it)', () => {
    equal(tradeOfMyOrder(frame({ volume: 0.000000001 }), dec('0.0005')), null);
    equal(tradeOfMyOrder(frame({ trade_uuid: null }), dec('0.0005')), null);
    equal(tradeOfMyOrder(frame({ state: 'done' }), dec('0.0005')), null);
  });
});
