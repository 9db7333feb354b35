import { deepEqual, equal } from 'node:assert/strict';
import { emulatorUnderTest, KEY, type EmulatorUnderTest } from '../testing/emulator-under-test.js';
import { RestClient, hashQuery, wireQuery } from '../testing/rest-client.js';
import { bearer } from '../testing/upbit-signer.js';

const errorName = (json: unknown): unknown => (json as { error?: { name?: unknown } }).error?.name;

describe('REST authentication over HTTP', () => {
  let t: EmulatorUnderTest;
  before(
    async () =>
      (t = await emulatorUnderTest({
        accounts: [
          { ...KEY, balances: { KRW: '10000000' } },
          { accessKey: 'viewer', secretKey: 'viewer-secret', scopes: ['accounts'] },
        ],
      })),
  );
  after(() => t.em.close());

  it('accepts HS512 and HS256', async () => {
    equal((await t.client.get('/v1/accounts', [], { alg: 'HS512' })).status, 200);
    equal((await t.client.get('/v1/accounts', [], { alg: 'HS256' })).status, 200);
  });

  it('answers 401 jwt_verification for a bad signature', async () => {
    const r = await t.client.get('/v1/accounts', [], { secretKey: 'not-the-secret' });
    deepEqual([r.status, errorName(r.json)], [401, 'jwt_verification']);
  });

  it('answers 401 nonce_used when a nonce comes back', async () => {
    equal((await t.client.get('/v1/accounts', [], { nonce: 'same-nonce' })).status, 200);
    const r = await t.client.get('/v1/accounts', [], { nonce: 'same-nonce' });
    deepEqual([r.status, errorName(r.json)], [401, 'nonce_used']);
  });

  it('answers 401 invalid_query_payload when query_hash does not match the query', async () => {
    const r = await t.client.get('/v1/orders/chance', [['market', 'KRW-BTC']], {
      hashInput: 'market=KRW-ETH',
    });
    deepEqual([r.status, errorName(r.json)], [401, 'invalid_query_payload']);
  });

  it('hashes the un-encoded query with literal brackets, whatever the wire encoding', async () => {
    const params = [
      ['states[]', 'wait'],
      ['states[]', 'watch'],
      ['market', 'KRW-BTC'],
    ] as const;
    const auth = await bearer({ ...KEY, hashInput: hashQuery(params) });
    const encodedBrackets = wireQuery(params).replace(/\[\]/g, '%5B%5D');
    const r = await fetch(`${t.em.url}/v1/orders/open?${encodedBrackets}`, {
      headers: { Authorization: auth },
    });
    equal(r.status, 200);
  });

  it('hashes a POST body as k=v in body order (the JSON text is never hashed)', async () => {
    const body = { market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000' };
    const reordered = await bearer({
      ...KEY,
      hashInput: 'side=bid&market=KRW-BTC&ord_type=price&price=10000',
    });
    const r = await fetch(`${t.em.url}/v1/orders/test`, {
      method: 'POST',
      headers: { Authorization: reordered, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    equal(errorName(await r.json()), 'invalid_query_payload');
    equal((await t.client.post('/v1/orders/test', body)).status, 201);
  });

  it('answers 401 invalid_access_key for an unknown key and no_authorization_token without a header', async () => {
    const stranger = new RestClient(t.em.url, { accessKey: 'nobody', secretKey: 'x' });
    const r = await stranger.get('/v1/accounts');
    deepEqual([r.status, errorName(r.json)], [401, 'invalid_access_key']);
    const bare = await fetch(`${t.em.url}/v1/accounts`);
    deepEqual([bare.status, errorName(await bare.json())], [401, 'no_authorization_token']);
  });

  it('answers 403 out_of_scope when the key lacks the permission', async () => {
    const viewer = new RestClient(t.em.url, { accessKey: 'viewer', secretKey: 'viewer-secret' });
    equal((await viewer.get('/v1/accounts')).status, 200);
    const r = await viewer.post('/v1/orders', {
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '10000',
    });
    deepEqual([r.status, errorName(r.json)], [403, 'out_of_scope']);
  });

  it('needs no authentication for quotation', async () => {
    equal((await t.client.publicGet('/v1/market/all')).status, 200);
  });
});
