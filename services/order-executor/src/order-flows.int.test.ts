import { deepEqual, equal, ok } from 'node:assert/strict';
import { subjects, type AccountState } from '@hoga/contracts';
import { dec } from '@hoga/model';
import {
  cancelEntry,
  identifierOf,
  limitBuy,
  marketBuy,
  marketSell,
  orderIdOf,
} from './testing/commands.js';
import { eventually } from '@hoga/testkit';
import { Harness, KEYS } from './testing/harness.js';
import { assertExactlyOnce } from './testing/invariants.js';

interface ExchangeTrade {
  uuid: string;
  price: string;
  volume: string;
  funds: string;
}

describe('order-executor: order flows against the emulator (in-process bus)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.open('in-process');
    await h.setTradingState('ACTIVE');
    // No periodic REST poll: fills come from myOrder and the syncs it and acceptance trigger.
    await h.startExecutor({ executor: { pollIntervalMs: 60_000 } });
  });
  afterEach(() => h.dispose());

  /** The exchange's view of an order: state, executed volume, paid fee and trades. */
  const onExchange = (positionId: string, leg: 'entry' | 'exit' = 'entry') => {
    const [o] = h.em.admin.orders({ identifier: identifierOf(positionId, leg) });
    ok(o, 'the exchange has the order');
    return o as {
      state: string;
      executed_volume: string;
      paid_fee: string;
      trades: ExchangeTrade[];
    };
  };

  it('a market buy fills and ends cancel (dust refunded): trades and fees exactly as Upbit charged', async () => {
    const states: AccountState[] = [];
    await h.bus.subscribe(subjects.accountState(), (d) => void states.push(d.data));
    await h.send(marketBuy('p-buy', '200000'));
    const orderId = orderIdOf('p-buy');
    await eventually(() => deepEqual(h.events.typesOf(orderId).at(-1), 'OrderCompleted'));
    const exchange = onExchange('p-buy');
    equal(exchange.state, 'cancel');
    const types = h.events.typesOf(orderId);
    deepEqual(types, [
      'OrderAccepted',
      ...exchange.trades.map(() => 'OrderFilled'),
      'OrderCompleted',
    ]);
    const trades = await h.trades(orderId);
    deepEqual(
      trades.map((t) => [t.trade_uuid, t.price, t.volume, t.funds]),
      exchange.trades.map((t) => [t.uuid, t.price, t.volume, t.funds]).map((r) => r.map(String)),
    );
    const fees = trades.reduce((sum, t) => sum.plus(t.fee), dec(0));
    ok(
      fees.eq(exchange.paid_fee),
      `recorded fees ${fees.toString()} = Upbit's paid_fee ${exchange.paid_fee}`,
    );
    const completed = h.events.of(orderId).at(-1);
    ok(completed?.type === 'OrderCompleted');
    equal(completed.data.state, 'cancel');
    ok(
      completed.data.executedVolume.eq(exchange.executed_volume) &&
        completed.data.executedVolume.gt(0),
    );
    equal((await h.order(orderId))?.state, 'cancel');
    await assertExactlyOnce(h, orderId, 1);
    const btc = h.em.admin.balances(KEYS.accessKey).find((b) => b.currency === 'BTC');
    await eventually(() =>
      ok(
        states
          .at(-1)
          ?.data.balances.some((b) => b.currency === 'BTC' && b.balance.eq(btc!.balance)),
      ),
    );
  });

  it('a market sell ends done with its fills and fee', async () => {
    await h.send(marketSell('p-sell', '0.01'));
    const orderId = orderIdOf('p-sell', 'exit');
    await eventually(async () => equal((await h.order(orderId))?.state, 'done'));
    const exchange = onExchange('p-sell', 'exit');
    const row = await h.order(orderId);
    ok(dec(row!.paid_fee).eq(exchange.paid_fee) && dec(row!.executed_volume).eq('0.01'));
    const fees = (await h.trades(orderId)).reduce((sum, t) => sum.plus(t.fee), dec(0));
    ok(fees.eq(exchange.paid_fee));
    await assertExactlyOnce(h, orderId, 1);
  });

  it('a limit buy rests, then fills when the price comes down to it (the fill from myOrder)', async () => {
    await h.send(limitBuy('p-limit', '99000000', '0.001'));
    const orderId = orderIdOf('p-limit');
    await eventually(() => deepEqual(h.events.typesOf(orderId), ['OrderAccepted']));
    equal((await h.order(orderId))?.state, 'open');
    h.em.admin.setPrice('KRW-BTC', '98900000');
    await eventually(() =>
      deepEqual(h.events.typesOf(orderId), ['OrderAccepted', 'OrderFilled', 'OrderCompleted']),
    );
    const [trade] = await h.trades(orderId);
    ok(trade && dec(trade.price).eq('99000000') && dec(trade.volume).eq('0.001'));
    equal(trade.source, 'ws', 'the fill came from myOrder');
    ok(dec(trade.fee).eq(dec('99000').mul('0.0005')));
    await assertExactlyOnce(h, orderId, 1);
  });

  it('a cancel of a resting order: OrderCancelled once Upbit reports cancel, then OrderCompleted', async () => {
    await h.send(limitBuy('p-cancel', '90000000', '0.001'));
    const orderId = orderIdOf('p-cancel');
    await eventually(() => deepEqual(h.events.typesOf(orderId), ['OrderAccepted']));
    await h.send(cancelEntry('p-cancel'));
    await eventually(() =>
      deepEqual(h.events.typesOf(orderId), ['OrderAccepted', 'OrderCancelled', 'OrderCompleted']),
    );
    equal(onExchange('p-cancel').state, 'cancel');
    const completed = h.events.of(orderId).at(-1);
    ok(completed?.type === 'OrderCompleted' && completed.data.executedVolume.isZero());
    await assertExactlyOnce(h, orderId, 1);
  });
});
