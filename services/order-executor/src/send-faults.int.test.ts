import { deepEqual, equal, ok } from 'node:assert/strict';
import { subjects, type Alert } from '@hoga/contracts';
import { UpbitClient } from '@hoga/upbit';
import { identifierOf, marketBuy, orderIdOf } from './testing/commands.js';
import { eventually } from '@hoga/testkit';
import { Harness, KEYS } from './testing/harness.js';
import { assertExactlyOnce } from './testing/invariants.js';

const FILLED = ['OrderAccepted', 'OrderFilled', 'OrderCompleted'];

describe('order-executor: unknown send outcomes (NATS JetStream)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.open('nats');
    await h.setTradingState('ACTIVE');
  });
  afterEach(() => h.dispose());

  /** Waits until the order ended as `types`, then checks the unknown was resolved by lookup. */
  async function adoptedAfterUnknown(orderId: string, cause: string): Promise<void> {
    await eventually(() => deepEqual(h.events.typesOf(orderId), ['OrderUnknown', ...FILLED]));
    const [unknown, accepted] = h.events.of(orderId);
    ok(unknown?.type === 'OrderUnknown' && accepted?.type === 'OrderAccepted');
    deepEqual([unknown.data.cause, accepted.data.via], [cause, 'lookup']);
    equal((await h.order(orderId))?.state, 'cancel');
    await assertExactlyOnce(h, orderId, 1);
  }

  it('#2 the answer is lost after Upbit placed the order: unknown, then adopted by lookup', async () => {
    await h.startExecutor();
    h.em.admin.setFaults({ dropNextOrderResponses: 1 });
    await h.send(marketBuy('p-drop', '100000'));
    await adoptedAfterUnknown(orderIdOf('p-drop'), 'connection-lost');
  });

  it('#3 the POST times out but the order was placed: unknown until the lookup finds it', async () => {
    // The latency fault slows every answer: a first (denied) order caches the balances, so only
    // the POST and the lookups meet it.
    await h.startExecutor({ executor: { balanceTtlMs: 60_000 } });
    await h.send(marketBuy('p-warm', '4000'));
    await eventually(() => deepEqual(h.events.typesOf(orderIdOf('p-warm')), ['OrderDenied']));
    h.em.admin.setFaults({ latencyMs: 5_000 });
    await h.send(marketBuy('p-slow', '100000'));
    const orderId = orderIdOf('p-slow');
    await eventually(() => deepEqual(h.events.typesOf(orderId), ['OrderUnknown']));
    equal(
      h.em.admin.orders({ identifier: identifierOf('p-slow') }).length,
      1,
      'placed though timed out',
    );
    h.em.admin.setFaults({ latencyMs: 0 });
    await adoptedAfterUnknown(orderId, 'timeout');
  });

  it('#3 a 5xx after processing: unknown, adopted, one order', async () => {
    await h.startExecutor();
    h.em.admin.setFaults({ fail5xxNext: 1, fail5xxAfterProcessing: true, fail5xxStatus: 502 });
    await h.send(marketBuy('p-502', '100000'));
    await adoptedAfterUnknown(orderIdOf('p-502'), 'server-error');
  });

  it('a 5xx before processing: unknown with an alert, proven absent (not_placed); the retry places once', async () => {
    const alerts: Alert[] = [];
    await h.bus.subscribe(subjects.alert('warning'), (d) => void alerts.push(d.data));
    await h.startExecutor({ executor: { unknownAlertAfterMs: 100 } });
    h.em.admin.setFaults({ fail5xxNext: 1, fail5xxAfterProcessing: false, fail5xxStatus: 503 });
    await h.send(marketBuy('p-503', '100000'));
    const orderId = orderIdOf('p-503');
    await eventually(() =>
      deepEqual(h.events.typesOf(orderId), ['OrderUnknown', 'OrderNotPlaced']),
    );
    equal((await h.order(orderId))?.state, 'not_placed');
    ok(
      alerts.some((a) => a.data.dedupKey === `order-unknown:${orderId}`),
      'the long unknown was alerted',
    );
    await assertExactlyOnce(h, orderId, 0);
    await h.send(marketBuy('p-503', '100000', 2));
    const retry = orderIdOf('p-503', 'entry', 2);
    await eventually(() => deepEqual(h.events.typesOf(retry), FILLED));
    await assertExactlyOnce(h, retry, 1);
  });

  it('#4 duplicated_identifier (an earlier send reached Upbit): looked up and adopted, never re-sent', async () => {
    const upbit = new UpbitClient({ baseUrl: h.em.url, credentials: KEYS });
    const identifier = identifierOf('p-dup');
    await upbit.orders.place({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '100000',
      identifier,
    });
    await h.startExecutor();
    await h.send(marketBuy('p-dup', '100000'));
    const orderId = orderIdOf('p-dup');
    await eventually(() => deepEqual(h.events.typesOf(orderId), FILLED));
    const [accepted] = h.events.of(orderId);
    ok(accepted?.type === 'OrderAccepted');
    equal(accepted.data.via, 'lookup');
    await assertExactlyOnce(h, orderId, 1);
  });
});
