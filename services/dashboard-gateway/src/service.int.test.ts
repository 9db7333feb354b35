import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { GatewayHarness } from './testing/gateway-harness.js';

describe('dashboard-gateway service', function () {
  this.timeout(30_000);
  const harness = new GatewayHarness('gateway_service');
  before(() => harness.start());
  after(() => harness.stop());

  it('listens on 127.0.0.1 by default and answers its health endpoint', async () => {
    strictEqual(new URL(harness.gateway.url).hostname, '127.0.0.1');
    const reply = await harness.client('anonymous').get('/healthz');
    strictEqual(reply.status, 200);
    deepStrictEqual(reply.json, { status: 'ok' });
  });

  it('answers an unknown route with a typed JSON 404', async () => {
    const reply = await harness.client('viewer').get('/api/no-such-thing');
    strictEqual(reply.status, 404);
    deepStrictEqual(reply.json, { error: { code: 'not-found', message: 'no such resource' } });
  });

  it('answers a body that is not JSON with a typed 400, never a 5xx', async () => {
    const reply = await harness.client('operator').request('POST', '/healthz', {
      body: '{not json',
    });
    strictEqual(reply.status < 500, true);
    strictEqual((reply.json as { error: { code: string } }).error.code !== 'internal', true);
  });
});
