import { deepEqual, equal, ok, rejects } from 'node:assert/strict';
import { emulatorUnderTest, type EmulatorUnderTest } from '../testing/emulator-under-test.js';
import { eventually } from '../testing/eventually.js';
import { WsClient } from '../testing/ws-client.js';

const errorName = (json: unknown): unknown => (json as { error?: { name?: unknown } }).error?.name;
const buy = (identifier: string) => ({
  market: 'KRW-BTC',
  side: 'bid',
  ord_type: 'price',
  price: '10000',
  identifier,
});

describe('fault knobs', () => {
  let t: EmulatorUnderTest;
  beforeEach(
    async () =>
      (t = await emulatorUnderTest({ rateLimits: { enabled: true, blockAfterViolations: 2 } })),
  );
  afterEach(() => t.em.close());

  it('latency: requests wait (a short client timeout gives up), then answer normally once cleared', async () => {
    t.em.admin.setFaults({ latencyMs: 60_000 });
    await rejects(
      fetch(`${t.em.url}/v1/market/all`, { signal: AbortSignal.timeout(200) }),
      /TimeoutError|aborted/i,
    );
    t.em.admin.setFaults({ latencyMs: 0 });
    equal((await t.client.publicGet('/v1/market/all')).status, 200);
  });

  it('latency delays the answer, not the work: the order is placed while its answer is held back', async () => {
    t.em.admin.setFaults({ latencyMs: 60_000 });
    let answered = false;
    // The answer only comes when the emulator closes (afterEach): the connection is then cut.
    void t.client.order(buy('slow-answer')).then(
      () => (answered = true),
      () => undefined,
    );
    await eventually(
      () => (t.em.admin.orders({ identifier: 'slow-answer' }).length === 1 ? true : undefined),
      'the order placed while its answer is delayed',
    );
    equal(answered, false, 'the answer is still held back');
    t.em.admin.setFaults({ latencyMs: 0 });
    const retry = await t.client.order(buy('slow-answer'));
    deepEqual([retry.status, errorName(retry.json)], [400, 'duplicated_identifier']);
  });

  it('dropNextOrderResponses: the order is placed but the answer never comes', async () => {
    t.em.admin.setFaults({ dropNextOrderResponses: 1 });
    await rejects(t.client.order(buy('lost-answer')));
    const found = await t.client.get('/v1/order', [['identifier', 'lost-answer']]);
    deepEqual(
      [found.status, (found.json as Record<string, unknown>)['identifier']],
      [200, 'lost-answer'],
    );
    equal(t.em.admin.orders({ identifier: 'lost-answer' }).length, 1);
    equal((await t.client.order(buy('next-one'))).status, 201, 'the knob is spent');
    equal(t.em.admin.faults().dropNextOrderResponses, 0);
  });

  it('dropNextOrderResponses is not spent on a request that fails authentication', async () => {
    t.em.admin.setFaults({ dropNextOrderResponses: 1 });
    const bad = await t.client.post('/v1/orders', buy('bad-sig'), { secretKey: 'wrong' });
    equal(bad.status, 401);
    equal(t.em.admin.faults().dropNextOrderResponses, 1);
  });

  it('fail5xxNext before processing: 5xx and nothing placed (the identifier stays free)', async () => {
    t.em.admin.setFaults({ fail5xxNext: 1, fail5xxStatus: 502 });
    const r = await t.client.order(buy('never-reached'));
    deepEqual([r.status, r.text], [502, '502 Bad Gateway']);
    equal(t.em.admin.orders().length, 0);
    equal((await t.client.order(buy('never-reached'))).status, 201);
  });

  it('fail5xxNext after processing: 5xx although the order was placed (a retry is a duplicate)', async () => {
    t.em.admin.setFaults({ fail5xxNext: 1, fail5xxAfterProcessing: true });
    equal((await t.client.order(buy('placed-anyway'))).status, 500);
    equal(t.em.admin.orders({ identifier: 'placed-anyway' }).length, 1);
    const retry = await t.client.order(buy('placed-anyway'));
    deepEqual([retry.status, errorName(retry.json)], [400, 'duplicated_identifier']);
  });

  it('fail5xx with scope all hits any REST request', async () => {
    t.em.admin.setFaults({ fail5xxNext: 1, fail5xxScope: 'all', fail5xxStatus: 503 });
    equal((await t.client.get('/v1/accounts')).status, 503);
    equal((await t.client.get('/v1/accounts')).status, 200);
  });

  it('burst429: the next n requests answer 429 without escalating to 418', async () => {
    t.em.admin.setFaults({ burst429: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.client.publicGet('/v1/market/all')).status);
    deepEqual(statuses, [429, 429, 429, 200]);
  });

  it('identifierLookupLagMs: the lookup by identifier says order_not_found while the lists and the uuid show the order', async () => {
    t.em.admin.setFaults({ identifierLookupLagMs: 60_000 });
    const placed = await t.client.order(buy('lagging'));
    equal(placed.status, 201);
    const uuid = (placed.json as { uuid: string }).uuid;
    const byIdentifier = await t.client.get('/v1/order', [['identifier', 'lagging']]);
    deepEqual([byIdentifier.status, errorName(byIdentifier.json)], [404, 'order_not_found']);
    equal((await t.client.get('/v1/order', [['uuid', uuid]])).status, 200);
    const listed = async (path: string) =>
      ((await t.client.get(path, [['market', 'KRW-BTC']])).json as { identifier?: string }[]).some(
        (o) => o.identifier === 'lagging',
      );
    ok((await listed('/v1/orders/open')) || (await listed('/v1/orders/closed')));
    t.em.admin.setFaults({ identifierLookupLagMs: 0 });
    equal((await t.client.get('/v1/order', [['identifier', 'lagging']])).status, 200);
  });

  it('dropWebSockets closes connections abruptly; refuseWebSockets refuses new ones', async () => {
    const ws = await WsClient.connect(t.em.wsUrl);
    equal(t.em.admin.dropWebSockets('all'), 1);
    equal((await ws.waitClosed()).code, 1006);
    t.em.admin.setFaults({ refuseWebSockets: true });
    await rejects(WsClient.connect(t.em.wsUrl), (e: { status?: number }) => e.status === 503);
    t.em.admin.setFaults({ refuseWebSockets: false });
    const again = await WsClient.connect(t.em.wsUrl);
    ok(again.closed === undefined);
    again.close();
  });
});
