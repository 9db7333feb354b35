import { deepEqual, equal, ok } from 'node:assert/strict';
import { toApiError, readErrorBody } from './error-body.js';
import {
  isDuplicateIdentifier,
  isOrderNotFound,
  isUpbitApiError,
  isUpbitAuthError,
  isUpbitError,
} from './upbit.guards.js';

describe('Upbit error bodies', () => {
  it('reads name and message, including integer names of quotation errors', () => {
    deepEqual(
      readErrorBody(400, '{"error":{"name":"under_min_total_bid","message":"too small"}}'),
      {
        name: 'under_min_total_bid',
        message: 'too small',
      },
    );
    deepEqual(readErrorBody(404, '{"error":{"name":404,"message":"Code not found"}}'), {
      name: '404',
      message: 'Code not found',
    });
  });

  it('reads the older no_authorization_i_p spelling as no_authorization_ip', () => {
    equal(
      readErrorBody(401, '{"error":{"name":"no_authorization_i_p","message":"x"}}').name,
      'no_authorization_ip',
    );
  });

  it('names a plain-text or unexpected body by its status and keeps only an excerpt', () => {
    const long = 'x'.repeat(5000);
    const r = readErrorBody(503, long);
    equal(r.name, 'http_503');
    ok(r.message.length < 300);
    equal(readErrorBody(400, '{"unexpected":true}').name, 'http_400');
  });

  it('maps names to typed errors with guards', () => {
    const dup = toApiError(
      400,
      '{"error":{"name":"duplicated_identifier","message":"dup"}}',
      'POST',
      '/v1/orders',
    );
    ok(
      isDuplicateIdentifier(dup) &&
        isUpbitApiError(dup, 'duplicated_identifier') &&
        isUpbitError(dup),
    );
    const missing = toApiError(
      404,
      '{"error":{"name":"order_not_found","message":"none"}}',
      'GET',
      '/v1/order',
    );
    ok(isOrderNotFound(missing));
    const auth = toApiError(
      401,
      '{"error":{"name":"nonce_used","message":"used"}}',
      'GET',
      '/v1/accounts',
    );
    ok(isUpbitAuthError(auth) && auth.errorName === 'nonce_used' && auth.status === 401);
    const scope = toApiError(
      403,
      '{"error":{"name":"out_of_scope","message":"no"}}',
      'POST',
      '/v1/orders',
    );
    ok(isUpbitAuthError(scope));
    const funds = toApiError(
      400,
      '{"error":{"name":"insufficient_funds_bid","message":"no money"}}',
      'POST',
      '/v1/orders',
    );
    ok(
      isUpbitApiError(funds, 'insufficient_funds_bid') &&
        !isDuplicateIdentifier(funds) &&
        !isUpbitAuthError(funds),
    );
    equal(funds.message, 'POST /v1/orders: 400 insufficient_funds_bid: no money');
  });
});
