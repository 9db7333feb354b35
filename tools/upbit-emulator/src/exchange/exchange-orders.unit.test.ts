import { deepEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { dec } from '@hoga/model';
import { ACCESS, testWorld } from '../testing/test-world.js';

const BTC = { market: 'KRW-BTC' };
/** Books of 1,000,000 KRW per level: about 0.01 BTC at 100,000,000. */
const thin = () =>
  testWorld({
    markets: [{ market: 'KRW-BTC', startPrice: '100000000', book: { levelKrw: '1000000' } }],
  });

describe('exchange: order types and time in force', () => {
  it('a market buy larger than one level walks the book (slippage)', () => {
    const t = thin();
    const o = t.place({ ...BTC, side: 'bid', ord_type: 'price', price: '3000000' });
    const after = t.world.exchange.findOrder(ACCESS, { uuid: o.uuid })!;
    ok(after.trades.length >= 3, `${after.trades.length} fills`);
    ok(
      after.executedFunds.div(after.executedVolume).gt(dec('100001000')),
      'average price above the best ask',
    );
    equal(after.state, 'cancel');
  });

  it('a second market buy in the same step gets the levels the first left', () => {
    const t = thin();
    const first = t.place({ ...BTC, side: 'bid', ord_type: 'price', price: '900000' });
    const second = t.place({ ...BTC, side: 'bid', ord_type: 'price', price: '900000' });
    const p1 = t.world.exchange.findOrder(ACCESS, { uuid: first.uuid })!.trades[0]!.price;
    const last2 = t.world.exchange.findOrder(ACCESS, { uuid: second.uuid })!.trades.at(-1)!.price;
    ok(last2.gt(p1));
  });

  it('limit IOC fills what crosses and cancels the rest, refunding it', () => {
    const t = thin();
    const o = t.place({
      ...BTC,
      side: 'bid',
      ord_type: 'limit',
      price: '100001000',
      volume: '0.05',
      time_in_force: 'ioc',
    });
    const after = t.world.exchange.findOrder(ACCESS, { uuid: o.uuid })!;
    deepEqual(
      [after.state, after.executedVolume.toString(), after.locked.toString()],
      ['cancel', '0.0099999', '0'],
    );
    deepEqual(t.holding('KRW'), [
      dec('10000000').minus(dec('0.0099999').mul('100001000').mul('1.0005')).toString(),
      '0',
    ]);
  });

  it('limit FOK fills all or nothing', () => {
    const t = thin();
    const killed = t.place({
      ...BTC,
      side: 'bid',
      ord_type: 'limit',
      price: '100002000',
      volume: '0.05',
      time_in_force: 'fok',
    });
    const k = t.world.exchange.findOrder(ACCESS, { uuid: killed.uuid })!;
    deepEqual([k.state, k.trades.length, t.holding('KRW')], ['cancel', 0, ['10000000', '0']]);
    const filled = t.place({
      ...BTC,
      side: 'bid',
      ord_type: 'limit',
      price: '100002000',
      volume: '0.015',
      time_in_force: 'fok',
    });
    const f = t.world.exchange.findOrder(ACCESS, { uuid: filled.uuid })!;
    deepEqual([f.state, f.executedVolume.toString(), f.trades.length], ['done', '0.015', 2]);
  });

  it('post_only rests when it would not take and is cancelled unfilled when it would', () => {
    const t = testWorld();
    const rests = t.place({
      ...BTC,
      side: 'ask',
      ord_type: 'limit',
      price: '100001000',
      volume: '0.01',
      time_in_force: 'post_only',
    });
    equal(t.world.exchange.findOrder(ACCESS, { uuid: rests.uuid })!.state, 'wait');
    const takes = t.place({
      ...BTC,
      side: 'ask',
      ord_type: 'limit',
      price: '99999000',
      volume: '0.01',
      time_in_force: 'post_only',
    });
    const after = t.world.exchange.findOrder(ACCESS, { uuid: takes.uuid })!;
    deepEqual([after.state, after.trades.length], ['cancel', 0]);
    deepEqual(t.holding('BTC'), ['0.99', '0.01']);
  });

  it('best IOC trades at the best level only', () => {
    const t = thin();
    const o = t.place({
      ...BTC,
      side: 'bid',
      ord_type: 'best',
      price: '5000000',
      time_in_force: 'ioc',
    });
    const after = t.world.exchange.findOrder(ACCESS, { uuid: o.uuid })!;
    deepEqual(
      [after.state, after.trades.length, after.trades[0]!.price.toString()],
      ['cancel', 1, '100001000'],
    );
    const ask = t.place({
      ...BTC,
      side: 'ask',
      ord_type: 'best',
      volume: '0.5',
      time_in_force: 'ioc',
    });
    const a = t.world.exchange.findOrder(ACCESS, { uuid: ask.uuid })!;
    deepEqual([a.state, a.trades.length, a.trades[0]!.price.toString()], ['cancel', 1, '99999000']);
  });

  it('a limit order partly filled on entry rests with the remainder', () => {
    const t = thin();
    const o = t.place({
      ...BTC,
      side: 'bid',
      ord_type: 'limit',
      price: '100001000',
      volume: '0.02',
    });
    const after = t.world.exchange.findOrder(ACCESS, { uuid: o.uuid })!;
    deepEqual(
      [after.state, after.remainingVolume!.toString()],
      ['wait', dec('0.02').minus(after.executedVolume).toString()],
    );
    ok(after.executedVolume.gt(0));
  });

  it('reports wait, trade (per fill) and done/cancel events, in order', () => {
    const t = thin();
    t.place({ ...BTC, side: 'bid', ord_type: 'price', price: '1500000' });
    deepEqual(
      t.events.map((e) => e.change.kind),
      ['wait', 'trade', 'trade', 'cancel'],
    );
  });
});

describe('exchange: rejections', () => {
  it('names each rejection as Upbit does', () => {
    const t = testWorld();
    equal(
      t.reject({ ...BTC, side: 'bid', ord_type: 'limit', price: '100000500', volume: '0.001' }),
      'invalid_price_bid',
    );
    equal(
      t.reject({ ...BTC, side: 'ask', ord_type: 'limit', price: '100000500', volume: '0.001' }),
      'invalid_price_ask',
    );
    equal(
      t.reject({ ...BTC, side: 'bid', ord_type: 'limit', price: '1000000', volume: '0.004' }),
      'under_min_total_bid',
    );
    equal(
      t.reject({ ...BTC, side: 'bid', ord_type: 'price', price: '4999' }),
      'under_min_total_bid',
    );
    equal(
      t.reject({ ...BTC, side: 'ask', ord_type: 'market', volume: '0.00004' }),
      'under_min_total_ask',
    );
    equal(
      t.reject({ ...BTC, side: 'bid', ord_type: 'limit', price: '100000000', volume: '0.1' }),
      'insufficient_funds_bid',
    );
    equal(
      t.reject({ ...BTC, side: 'ask', ord_type: 'market', volume: '1.5' }),
      'insufficient_funds_ask',
    );
    equal(
      t.reject({ market: 'KRW-NOPE', side: 'bid', ord_type: 'price', price: '10000' }),
      'validation_error',
    );
    equal(
      t.reject({ ...BTC, side: 'bid', ord_type: 'limit', price: '100000000', volume: '10.01' }),
      'validation_error',
    );
  });

  it('checks the total with the fee reservation against the balance', () => {
    const t = testWorld({
      accounts: [{ accessKey: ACCESS, secretKey: 's', balances: { KRW: '10000' } }],
    });
    equal(
      t.reject({ ...BTC, side: 'bid', ord_type: 'price', price: '10000' }),
      'insufficient_funds_bid',
    );
    t.place({ ...BTC, side: 'bid', ord_type: 'price', price: '9995' });
  });

  it('never accepts an identifier twice, even when its first request was rejected', () => {
    const t = testWorld();
    equal(
      t.reject({ ...BTC, side: 'bid', ord_type: 'price', price: '100', identifier: 'intent-1' }),
      'under_min_total_bid',
    );
    equal(
      t.reject({ ...BTC, side: 'bid', ord_type: 'price', price: '10000', identifier: 'intent-1' }),
      'duplicated_identifier',
    );
    t.place({ ...BTC, side: 'bid', ord_type: 'price', price: '10000', identifier: 'intent-2' });
    equal(
      t.reject({ ...BTC, side: 'bid', ord_type: 'price', price: '10000', identifier: 'intent-2' }),
      'duplicated_identifier',
    );
    equal(t.world.exchange.allOrders().length, 1);
  });

  it('a test order validates (duplicates included) without claiming the identifier or placing anything', () => {
    const t = testWorld();
    const r = t.world.exchange.placeOrder(
      ACCESS,
      { ...BTC, side: 'bid', ord_type: 'price', price: '10000', identifier: 'probe' },
      true,
    );
    ok(E.isRight(r));
    deepEqual([t.world.exchange.allOrders().length, t.holding('KRW')], [0, ['10000000', '0']]);
    t.place({ ...BTC, side: 'bid', ord_type: 'price', price: '10000', identifier: 'probe' });
    const again = t.world.exchange.placeOrder(
      ACCESS,
      { ...BTC, side: 'bid', ord_type: 'price', price: '10000', identifier: 'probe' },
      true,
    );
    ok(E.isLeft(again) && again.left.name === 'duplicated_identifier');
  });

  it('cancel answers the pre-cancel snapshot; a finished order cannot be cancelled', () => {
    const t = testWorld();
    const o = t.place({
      ...BTC,
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
      identifier: 'c1',
    });
    const r = t.world.exchange.cancelOrder(ACCESS, { identifier: 'c1' });
    ok(E.isRight(r));
    deepEqual([r.right.state, r.right.locked.toString()], ['wait', '90045']);
    equal(t.world.exchange.findOrder(ACCESS, { uuid: o.uuid })!.state, 'cancel');
    const again = t.world.exchange.cancelOrder(ACCESS, { uuid: o.uuid });
    ok(E.isLeft(again) && again.left.name === 'order_not_found');
  });

  it('finds orders by uuid (which wins) or identifier, only for their own account', () => {
    const t = testWorld();
    const a = t.place({
      ...BTC,
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
      identifier: 'mine',
    });
    const b = t.place({
      ...BTC,
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
    });
    equal(t.world.exchange.findOrder(ACCESS, { uuid: b.uuid, identifier: 'mine' })?.uuid, b.uuid);
    equal(t.world.exchange.findOrder(ACCESS, { identifier: 'mine' })?.uuid, a.uuid);
    equal(t.world.exchange.findOrder('someone-else', { uuid: a.uuid }), undefined);
  });
});
