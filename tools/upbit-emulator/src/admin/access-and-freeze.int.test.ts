import { deepEqual, equal, ok, rejects } from 'node:assert/strict';
import fc from 'fast-check';
import { emulatorUnderTest, KEY, type EmulatorUnderTest } from '../testing/emulator-under-test.js';
import { eventually } from '../testing/eventually.js';
import { bearer } from '../testing/upbit-signer.js';
import { WsClient } from '../testing/ws-client.js';

const errorName = (json: unknown): unknown => (json as { error?: { name?: unknown } }).error?.name;
const bid = { market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000' };

describe('admin knobs: key access', () => {
  let t: EmulatorUnderTest;
  beforeEach(async () => (t = await emulatorUnderTest()));
  afterEach(() => t.em.close());

  for (const [key, name] of [
    ['revoked', 'invalid_access_key'],
    ['expired', 'expired_access_key'],
    ['ip-not-allowed', 'no_authorization_ip'],
  ] as const)
    it(`${key}: REST answers 401 ${name}, the private socket is refused, restore undoes it`, async () => {
      t.em.admin.setKeyAccess(KEY.accessKey, { key });
      const r = await t.client.get('/v1/accounts');
      equal(r.status, 401);
      equal(errorName(r.json), name);
      await rejects(
        WsClient.connect(t.em.privateWsUrl, await bearer(KEY)),
        (e: { status?: number }) => e.status === 401,
      );
      t.em.admin.setKeyAccess(KEY.accessKey, { key: 'ok' });
      equal((await t.client.get('/v1/accounts')).status, 200);
      (await WsClient.connect(t.em.privateWsUrl, await bearer(KEY))).close();
    });

  it('the older IP spelling no_authorization_i_p on request', async () => {
    t.em.admin.setKeyAccess(KEY.accessKey, { key: 'ip-not-allowed', oldIpSpelling: true });
    equal(errorName((await t.client.get('/v1/accounts')).json), 'no_authorization_i_p');
  });

  it('revoking drops the open private socket of the key', async () => {
    const ws = await WsClient.connect(t.em.privateWsUrl, await bearer(KEY));
    t.em.admin.setKeyAccess(KEY.accessKey, { key: 'revoked' });
    await ws.waitClosed();
  });

  it('without the order permission: orders and the order test answer 403 out_of_scope, reads work', async () => {
    t.em.admin.setKeyAccess(KEY.accessKey, { orderPermission: false });
    for (const path of ['/v1/orders', '/v1/orders/test']) {
      const r = await t.client.post(path, bid);
      equal(r.status, 403);
      equal(errorName(r.json), 'out_of_scope');
    }
    equal((await t.client.get('/v1/accounts')).status, 200);
    equal(t.em.admin.orderCount(), 0);
    t.em.admin.setKeyAccess(KEY.accessKey, { orderPermission: true });
    equal((await t.client.order(bid)).status, 201);
  });

  it('counts signed requests, refusals and handshakes', async () => {
    t.em.admin.resetTraffic();
    t.em.admin.setKeyAccess(KEY.accessKey, { key: 'expired' });
    await t.client.get('/v1/accounts');
    await t.client.get('/v1/accounts');
    await rejects(WsClient.connect(t.em.privateWsUrl, await bearer(KEY)));
    const traffic = t.em.admin.traffic();
    deepEqual(traffic.privateRequests, { 'GET /v1/accounts': 2 });
    equal(traffic.refusedRequests, 2);
    deepEqual(traffic.handshakes, { public: 0, private: 1 });
    deepEqual(traffic.refusedHandshakes, { public: 0, private: 1 });
  });

  it('refuses bad knob bodies and unknown keys without a change', async () => {
    const put = (path: string, body: unknown) =>
      fetch(`${t.em.url}${path}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    equal((await put(`/__admin/accounts/${KEY.accessKey}/access`, { key: 'gone' })).status, 400);
    equal(
      (await put(`/__admin/accounts/${KEY.accessKey}/access`, { orderPermission: 1 })).status,
      400,
    );
    equal((await put('/__admin/accounts/nobody/access', { key: 'revoked' })).status, 404);
    deepEqual(t.em.admin.keyAccess(KEY.accessKey), {
      key: 'ok',
      oldIpSpelling: false,
      orderPermission: true,
    });
  });
});

describe('admin knobs: key access bodies (fuzzed)', () => {
  let t: EmulatorUnderTest;
  before(async () => (t = await emulatorUnderTest()));
  after(() => t.em.close());

  it('any JSON body is applied only when valid; otherwise a 400 and no change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        t.em.admin.setKeyAccess(KEY.accessKey, { key: 'ok', orderPermission: true });
        const r = await fetch(`${t.em.url}/__admin/accounts/${KEY.accessKey}/access`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        const after = t.em.admin.keyAccess(KEY.accessKey);
        if (r.status === 200) return true;
        equal(r.status, 400);
        deepEqual(after, { key: 'ok', oldIpSpelling: false, orderPermission: true });
        return true;
      }),
      { numRuns: 60 },
    );
  });
});

describe('admin knobs: frozen WebSockets', () => {
  let t: EmulatorUnderTest;
  beforeEach(async () => (t = await emulatorUnderTest()));
  afterEach(() => t.em.close());

  it('answers a text PING with {"status":"UP"} until frozen', async () => {
    const ws = await WsClient.connect(t.em.wsUrl);
    ws.socket.send('PING');
    await ws.waitFor((j) => j['status'] === 'UP', 'status UP');
    ws.close();
  });

  it('a frozen socket stays open but sends nothing and answers no ping; a thaw resumes it', async () => {
    const ws = await WsClient.connect(t.em.wsUrl);
    ws.request([{ ticket: 't' }, { type: 'trade', codes: ['KRW-BTC'] }]);
    t.em.admin.step(1);
    await ws.waitFor((j) => j['type'] === 'trade', 'a trade');
    equal(t.em.admin.freezeWebSockets('public'), 1);
    const before = ws.frames.length;
    let pongs = 0;
    ws.socket.on('pong', () => (pongs += 1));
    ws.socket.ping();
    ws.socket.send('PING');
    t.em.admin.step(3);
    // A fresh connection is not frozen: it gets frames while the frozen one gets none.
    const fresh = await WsClient.connect(t.em.wsUrl);
    fresh.request([{ ticket: 'f' }, { type: 'trade', codes: ['KRW-BTC'] }]);
    await fresh.waitFor((j) => j['type'] === 'trade', 'the snapshot on the fresh socket');
    t.em.admin.step(1);
    await fresh.waitFor((j) => j['type'] === 'trade', 'a trade on the fresh socket', 2);
    equal(ws.frames.length, before);
    equal(pongs, 0);
    equal(ws.closed, undefined);
    equal(t.em.admin.thawWebSockets(), 1);
    await eventually(() => (pongs > 0 ? true : undefined), 'the pong after the thaw');
    await ws.waitFor((j) => j['status'] === 'UP', 'the PING answered after the thaw');
    ok(ws.frames.length > before);
    ws.close();
    fresh.close();
  });
});
