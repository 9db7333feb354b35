import { ok, strictEqual } from 'node:assert/strict';
import { opsRequest, requestOps } from '@hoga/bus';
import * as E from 'fp-ts/lib/Either.js';
import { GatewayHarness } from '../testing/gateway-harness.js';

describe('dashboard-gateway ops endpoints', function () {
  this.timeout(30_000);
  const harness = new GatewayHarness('gateway_ops');
  before(() => harness.start());
  after(() => harness.stop());

  const call = async <V extends 'status' | 'login-link'>(verb: V, data: unknown) => {
    const request = opsRequest('dashboard-gateway', verb, data);
    if (E.isLeft(request)) throw request.left;
    return requestOps(harness.bus, 'dashboard-gateway', verb, request.right);
  };

  it('status names the URL, the live sequence and the sessions', async () => {
    harness.client('viewer');
    const reply = await call('status', {});
    ok(reply.ok);
    strictEqual(reply.url, harness.gateway.url);
    strictEqual(reply.sessions, 1);
    strictEqual(reply.clients, 0);
    strictEqual(reply.sequence, harness.gateway.hub.sequence);
  });

  it('login-link returns a link whose code is redeemable once, for that user and role', async () => {
    const reply = await call('login-link', { user: 'cli:alice', role: 'operator' });
    ok(reply.ok);
    const url = new URL(reply.url);
    strictEqual(url.origin + '/', harness.gateway.url);
    strictEqual(url.pathname, '/login');
    const code = url.searchParams.get('code') ?? '';
    ok(/^[0-9a-f]{32}$/.test(code));
    ok(Date.parse(reply.expiresAt) > Date.now());
    const grant = harness.gateway.context.loginCodes.redeem(code);
    strictEqual(grant?.user, 'cli:alice');
    strictEqual(grant.role, 'operator');
    strictEqual(harness.gateway.context.loginCodes.redeem(code), undefined);
  });
});
