import { deepEqual, equal, ok } from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import type { RequestArrival } from '../config/options.js';
import { emulatorUnderTest, type EmulatorUnderTest } from '../testing/emulator-under-test.js';

const nowMs = (): number => performance.timeOrigin + performance.now();

describe('onRequest: each HTTP request reported as it arrives', () => {
  let t: EmulatorUnderTest;
  const arrivals: RequestArrival[] = [];
  /** How many orders the exchange held when each arrival was reported. */
  const ordersThen: number[] = [];

  beforeEach(async () => {
    arrivals.length = 0;
    ordersThen.length = 0;
    t = await emulatorUnderTest({
      onRequest: (a) => {
        arrivals.push(a);
        ordersThen.push(t.em.admin.orderCount());
      },
    });
  });
  afterEach(() => t.em.close());

  it('reports POST /v1/orders with its arrival time, before the order is placed', async () => {
    const before = nowMs();
    const placed = await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '10000',
      identifier: 'arrival-1',
    });
    const after = nowMs();
    equal(placed.status, 201);
    deepEqual(
      arrivals.map((a) => `${a.method} ${a.path}`),
      ['POST /v1/orders'],
    );
    const at = arrivals[0]!.atMs;
    ok(before <= at && at <= after, `${before} <= ${at} <= ${after}`);
    deepEqual(ordersThen, [0]);
    equal(t.em.admin.orderCount(), 1);
  });

  it('reports the path without its query, refused and unknown requests too', async () => {
    await t.client.get('/v1/order', [['identifier', 'none']]);
    await fetch(`${t.em.url}/v1/nowhere?x=1`);
    deepEqual(
      arrivals.map((a) => `${a.method} ${a.path}`),
      ['GET /v1/order', 'GET /v1/nowhere'],
    );
  });
});
