import { deepEqual, equal } from 'node:assert/strict';
import { dec } from '@hoga/model';
import { testWorld } from '../testing/test-world.js';

const limit = (
  side: string,
  price: string,
  volume: string,
  extra: Record<string, string> = {},
) => ({ market: 'KRW-BTC', side, ord_type: 'limit', price, volume, ...extra });

describe('exchange: fees, reservations and exact balances', () => {
  it('a resting limit bid locks price*volume plus the 0.05% fee', () => {
    const t = testWorld();
    const o = t.place(limit('bid', '99000000', '0.001'));
    deepEqual(
      [o.state, o.locked.toString(), o.reservedFee.toString(), o.remainingFee.toString()],
      ['wait', '99049.5', '49.5', '49.5'],
    );
    deepEqual(t.holding('KRW'), ['9900950.5', '99049.5']);
  });

  it('a resting bid fills as maker when the market trades at its price, releasing exactly', () => {
    const t = testWorld();
    const o = t.place(limit('bid', '99000000', '0.001'));
    t.world.setPrice('KRW-BTC', dec('99000000'));
    const after = t.world.exchange.findOrder('test-access', { uuid: o.uuid })!;
    deepEqual(
      [after.state, after.paidFee.toString(), after.locked.toString(), after.trades[0]?.isMaker],
      ['done', '49.5', '0', true],
    );
    deepEqual(t.holding('KRW'), ['9900950.5', '0']);
    deepEqual(t.holding('BTC'), ['1.001', '0']);
  });

  it('a crossing bid takes the best ask and returns the price improvement', () => {
    const t = testWorld();
    const o = t.place(limit('bid', '100005000', '0.001'));
    equal(o.locked.toString(), '100055.0025');
    const after = t.world.exchange.findOrder('test-access', { uuid: o.uuid })!;
    deepEqual(
      [after.state, after.trades[0]?.price.toString(), after.paidFee.toString()],
      ['done', '100001000', '50.0005'],
    );
    deepEqual(t.holding('KRW'), ['9899948.9995', '0']);
  });

  it('an ask pays the fee from its proceeds and reserves no fee', () => {
    const t = testWorld();
    const o = t.place({ market: 'KRW-BTC', side: 'ask', ord_type: 'market', volume: '0.01' });
    deepEqual([o.reservedFee.toString(), o.locked.toString()], ['0', '0.01']);
    const after = t.world.exchange.findOrder('test-access', { uuid: o.uuid })!;
    deepEqual(
      [after.state, after.executedVolume.toString(), after.paidFee.toString()],
      ['done', '0.01', '499.995'],
    );
    deepEqual(t.holding('KRW'), ['10999490.005', '0']);
    deepEqual(t.holding('BTC'), ['0.99', '0']);
  });

  it('a market buy spends the budget in 8-decimal units, refunds the dust and ends cancel with a fill', () => {
    const t = testWorld();
    const o = t.place({ market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000' });
    deepEqual(
      [o.state, o.volume, o.locked.toString(), o.reservedFee.toString()],
      ['wait', undefined, '10005', '5'],
    );
    const after = t.world.exchange.findOrder('test-access', { uuid: o.uuid })!;
    deepEqual(
      [
        after.state,
        after.executedVolume.toString(),
        after.executedFunds.toString(),
        after.paidFee.toString(),
        after.locked.toString(),
      ],
      ['cancel', '0.00009999', '9999.09999', '4.999549995', '0'],
    );
    deepEqual(t.holding('KRW'), ['9989995.900460005', '0']);
    deepEqual(t.holding('BTC'), ['1.00009999', '0']);
  });

  it('a cancelled bid gives back everything it locked', () => {
    const t = testWorld();
    const o = t.place(limit('bid', '90000000', '0.01'));
    t.world.exchange.cancelOrder('test-access', { uuid: o.uuid });
    deepEqual(t.holding('KRW'), ['10000000', '0']);
  });

  it('charges the maker rate to makers and the taker rate to takers', () => {
    const t = testWorld({ feeRate: '0.0005', makerFeeRate: '0.0002' });
    const maker = t.place(limit('ask', '101000000', '0.001'));
    t.world.setPrice('KRW-BTC', dec('101000000'));
    equal(
      t.world.exchange.findOrder('test-access', { uuid: maker.uuid })!.paidFee.toString(),
      '20.2',
    );
    const taker = t.place({ market: 'KRW-BTC', side: 'ask', ord_type: 'market', volume: '0.001' });
    equal(
      t.world.exchange.findOrder('test-access', { uuid: taker.uuid })!.paidFee.toString(),
      '50.4995',
    );
  });
});
