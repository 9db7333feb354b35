import { deepEqual, equal } from 'node:assert/strict';
import fc from 'fast-check';
import {
  UpbitApiError,
  UpbitAuthError,
  UpbitNetworkError,
  UpbitRateLimitedError,
} from '../errors/upbit.errors.js';
import { toApiError } from '../errors/error-body.js';
import { UpbitWsHandshakeError, UpbitWsServerError } from '../errors/ws.errors.js';
import { accessRefusalOf } from './access-refusal.js';

const body = (name: string) => JSON.stringify({ error: { name, message: 'm' } });

describe('accessRefusalOf: which answers mean lost access', () => {
  for (const name of [
    'expired_access_key',
    'invalid_access_key',
    'jwt_verification',
    'no_authorization_ip',
    'no_authorization_i_p',
    'no_authorization_token',
  ])
    it(`401 ${name} on any call is a dead key`, () => {
      const r = accessRefusalOf(toApiError(401, body(name), 'GET', '/v1/accounts'));
      equal(r?.problem, 'credentials');
      equal(r?.errorName, name === 'no_authorization_i_p' ? 'no_authorization_ip' : name);
      equal(r?.where, 'GET /v1/accounts');
    });

  it('403 out_of_scope on POST /v1/orders (and the order test) is a missing order permission', () => {
    for (const path of ['/v1/orders', '/v1/orders/test'])
      equal(
        accessRefusalOf(toApiError(403, body('out_of_scope'), 'POST', path))?.problem,
        'order-permission',
      );
    equal(
      accessRefusalOf(toApiError(403, body('out_of_scope'), 'DELETE', '/v1/order'))?.problem,
      'order-permission',
    );
  });

  it('403 out_of_scope on a read is a key that cannot serve hoga (credentials)', () => {
    equal(
      accessRefusalOf(toApiError(403, body('out_of_scope'), 'GET', '/v1/accounts'))?.problem,
      'credentials',
    );
  });

  it('request-scoped 401s (nonce reuse, query hash) are not lost access', () => {
    equal(accessRefusalOf(toApiError(401, body('nonce_used'), 'GET', '/v1/accounts')), undefined);
    equal(
      accessRefusalOf(toApiError(401, body('invalid_query_payload'), 'GET', '/v1/order')),
      undefined,
    );
  });

  it('the private socket: a 401 upgrade or an INVALID_AUTH frame is a dead key', () => {
    deepEqual(accessRefusalOf(new UpbitWsHandshakeError(401, 'INVALID_AUTH', 'x')), {
      problem: 'credentials',
      status: 401,
      errorName: 'INVALID_AUTH',
      where: 'private WebSocket',
    });
    equal(accessRefusalOf(new UpbitWsServerError('INVALID_AUTH', 'x'))?.problem, 'credentials');
    equal(accessRefusalOf(new UpbitWsHandshakeError(503, 'http_503', 'x')), undefined);
    equal(accessRefusalOf(new UpbitWsServerError('WRONG_FORMAT', 'x')), undefined);
  });

  it('anything else is not about access', () => {
    const others: unknown[] = [
      new UpbitApiError(400, 'insufficient_funds_bid', 'm', 'POST', '/v1/orders'),
      new UpbitNetworkError('GET', '/v1/accounts', 'timed out'),
      new UpbitRateLimitedError('order', 'POST', '/v1/orders', 5),
      new Error('boom'),
      undefined,
      'text',
    ];
    for (const e of others) equal(accessRefusalOf(e), undefined);
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), fc.string(), (status, name) => {
        const e = toApiError(status, body(name), 'GET', '/v1/accounts');
        const r = accessRefusalOf(e);
        return e instanceof UpbitAuthError ? true : r === undefined;
      }),
    );
  });
});
