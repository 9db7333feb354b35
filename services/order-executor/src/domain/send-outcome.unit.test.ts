import { deepEqual } from 'node:assert/strict';
import {
  UpbitApiError,
  UpbitBlockedError,
  UpbitDuplicateIdentifierError,
  UpbitOutcomeUnknownError,
  UpbitRateLimitedError,
} from '@hoga/upbit';
import { classifySendFailure } from './send-outcome.js';

const unknown = (reason: string) =>
  new UpbitOutcomeUnknownError('POST', '/v1/orders', 'id-1', reason);

describe('classifySendFailure', () => {
  it('a named 4xx is a rejection with its name, message and status', () => {
    const e = new UpbitApiError(
      400,
      'insufficient_funds_bid',
      'not enough KRW',
      'POST',
      '/v1/orders',
    );
    deepEqual(classifySendFailure(e), {
      kind: 'rejected',
      name: 'insufficient_funds_bid',
      message: 'not enough KRW',
      status: 400,
    });
  });

  it('duplicated_identifier means "exists, look it up", never a rejection', () => {
    const e = new UpbitDuplicateIdentifierError(
      400,
      'duplicated_identifier',
      'used',
      'POST',
      '/v1/orders',
    );
    deepEqual(classifySendFailure(e), { kind: 'duplicate' });
  });

  it('429 after retries and 418 were refused before Upbit acted', () => {
    deepEqual(
      classifySendFailure(new UpbitRateLimitedError('order', 'POST', '/v1/orders', 5)).kind,
      'refused',
    );
    deepEqual(
      classifySendFailure(new UpbitBlockedError(new Date(), 'POST', '/v1/orders')).kind,
      'refused',
    );
  });

  it('a lost answer is unknown, with its cause', () => {
    deepEqual(
      [unknown('timed out'), unknown('HTTP 502'), unknown('network error ECONNRESET')].map((e) => {
        const f = classifySendFailure(e);
        return f.kind === 'unknown' ? f.cause : f.kind;
      }),
      ['timeout', 'server-error', 'connection-lost'],
    );
  });

  it('an error nobody expected is unknown too (never treated as not sent)', () => {
    deepEqual(classifySendFailure(new TypeError('boom')), {
      kind: 'unknown',
      cause: 'connection-lost',
      detail: 'TypeError: boom',
    });
  });
});
