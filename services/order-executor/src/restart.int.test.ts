import { deepEqual, equal, ok } from 'node:assert/strict';
import { subjects, type Alert } from '@hoga/contracts';
import { UpbitClient } from '@hoga/upbit';
import { OrdersRepository } from './adapters/db/orders.repository.js';
import { newOrderRecord } from './domain/order-record.js';
import { identifierOf, limitBuy, marketBuy, orderIdOf } from './testing/commands.js';
import { eventually } from '@hoga/testkit';
import { Harness, KEYS } from './testing/harness.js';
import { assertExactlyOnce } from './testing/invariants.js';

describe('order-executor: restarts and start-up reconciliation (NATS JetStream)', () => {
  let h: Harness;
  afterEach(() => h.dispose());

  /**
   * The state a crash leaves behind after the executor stored the PlaceOrder and committed it as
   * `submitting`, before any outcome: the row, and the command still unacked in the work queue.
   */
  async function crashedWhileSending(positionId: string): Promise<string> {
    await (await h.startExecutor()).stop(); // creates the tables
    const command = marketBuy(positionId, '100000');
    await new OrdersRepository(h.db).insertIfAbsent(newOrderRecord(command, new Date()));
    await h.db
      .updateTable('orders')
      .set({ state: 'submitting', last_sent_at: new Date() })
      .where('order_id', '=', command.data.orderId)
      .execute();
    await h.send(command);
    return command.data.orderId;
  }

  it('#1 stopped after storing the send, before the POST: unknown, proven absent, and the retry places once', async () => {
    h = await Harness.open('nats');
    await h.setTradingState('ACTIVE');
    const orderId = await crashedWhileSending('p-crash');
    await h.startExecutor();
    await eventually(() =>
      deepEqual(h.events.typesOf(orderId), ['OrderUnknown', 'OrderNotPlaced']),
    );
    await assertExactlyOnce(h, orderId, 0);
    await h.send(marketBuy('p-crash', '100000', 2));
    const retry = orderIdOf('p-crash', 'entry', 2);
    await eventually(() =>
      deepEqual(h.events.typesOf(retry), ['OrderAccepted', 'OrderFilled', 'OrderCompleted']),
    );
    await assertExactlyOnce(h, retry, 1);
  });

  it('#2 stopped while the POST was in flight (Upbit placed it): adopted by lookup at start-up', async () => {
    h = await Harness.open('nats');
    await h.setTradingState('ACTIVE');
    const orderId = await crashedWhileSending('p-inflight');
    const upbit = new UpbitClient({ baseUrl: h.em.url, credentials: KEYS });
    const identifier = identifierOf('p-inflight');
    await upbit.orders.place({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '100000',
      identifier,
    });
    await h.startExecutor();
    const types = ['OrderUnknown', 'OrderAccepted', 'OrderFilled', 'OrderCompleted'];
    await eventually(() => deepEqual(h.events.typesOf(orderId), types));
    await assertExactlyOnce(h, orderId, 1);
  });

  it('#11 open orders filled while down are reconciled before any new command is taken', async () => {
    h = await Harness.open('nats', {
      markets: [{ market: 'KRW-BTC', startPrice: '100000000', book: { levelKrw: '500000' } }],
    });
    await h.setTradingState('ACTIVE');
    const first = await h.startExecutor();
    await h.send(limitBuy('p-rest', '99000000', '0.012'));
    const resting = orderIdOf('p-rest');
    await eventually(() => deepEqual(h.events.typesOf(resting), ['OrderAccepted']));
    h.em.admin.setPrice('KRW-BTC', '98900000'); // a partial fill while up
    await eventually(() => deepEqual(h.events.typesOf(resting), ['OrderAccepted', 'OrderFilled']));
    await first.stop();
    h.em.admin.setPrice('KRW-BTC', '98800000'); // two more fills while down: the order is done
    h.em.admin.setPrice('KRW-BTC', '98700000');
    equal(h.em.admin.orders({ identifier: identifierOf('p-rest') })[0]?.['state'], 'done');
    await h.send(marketBuy('p-next', '100000'));
    await h.startExecutor({ executor: { pollIntervalMs: 60_000 } });
    const next = orderIdOf('p-next');
    const filled = ['OrderAccepted', 'OrderFilled', 'OrderFilled', 'OrderFilled', 'OrderCompleted'];
    await eventually(() => deepEqual(h.events.typesOf(resting), filled));
    await eventually(() =>
      deepEqual(h.events.typesOf(next), ['OrderAccepted', 'OrderFilled', 'OrderCompleted']),
    );
    const seqOf = async (orderId: string) =>
      (await h.storedEvents(orderId)).map((e) => BigInt(e.seq));
    const restingDone = (await seqOf(resting)).at(-1)!;
    const nextFirst = (await seqOf(next))[0]!;
    ok(
      restingDone < nextFirst,
      'the missed fills and the completion were recorded before the new order',
    );
    equal((await h.trades(resting)).length, 3);
    await assertExactlyOnce(h, resting, 1);
    await assertExactlyOnce(h, next, 1);
  });

  it('reports open Upbit orders it does not know (placed by hand or another system) at start-up', async () => {
    h = await Harness.open('nats');
    const alerts: Alert[] = [];
    await h.bus.subscribe(subjects.alert('warning'), (d) => void alerts.push(d.data));
    const upbit = new UpbitClient({ baseUrl: h.em.url, credentials: KEYS });
    const manual = await upbit.orders.place({
      ...{ market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '90000000', volume: '0.001' },
      identifier: 'by-hand-1',
    });
    await h.startExecutor();
    const [alert] = await eventually(() => {
      equal(alerts.length, 1);
      return alerts;
    });
    ok(alert?.data.body.includes(manual.uuid), alert?.data.body);
  });
});
