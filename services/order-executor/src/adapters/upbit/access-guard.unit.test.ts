import { deepEqual, equal, rejects } from 'node:assert/strict';
import { UpbitApiError, UpbitAuthError, UpbitClient, type AccessRefusal } from '@hoga/upbit';
import type { CallKind } from '../../domain/exchange-access.js';
import {
  ExchangeAccessLostError,
  guardedCall,
  guardedClient,
  type AccessGuard,
} from './access-guard.js';

function recordingGuard(blocked: CallKind[] = []) {
  const seen = { refused: [] as AccessRefusal[], accepted: [] as CallKind[] };
  const guard: AccessGuard = {
    blocks: (kind) => blocked.includes(kind),
    refused: (r) => void seen.refused.push(r),
    accepted: (k) => void seen.accepted.push(k),
  };
  return { guard, seen };
}

describe('the access guard around Upbit calls', () => {
  it('does not send a blocked call', async () => {
    const { guard } = recordingGuard(['read']);
    let sent = 0;
    await rejects(
      guardedCall(guard, 'read', () => Promise.resolve((sent += 1))),
      ExchangeAccessLostError,
    );
    equal(sent, 0);
  });

  it('reports a refusal, an answer about the request, and a success', async () => {
    const { guard, seen } = recordingGuard();
    const expired = new UpbitAuthError(401, 'expired_access_key', 'x', 'GET', '/v1/accounts');
    await rejects(guardedCall(guard, 'read', () => Promise.reject(expired)));
    const funds = new UpbitApiError(400, 'insufficient_funds_bid', 'x', 'POST', '/v1/orders');
    await rejects(guardedCall(guard, 'order-write', () => Promise.reject(funds)));
    await guardedCall(guard, 'read', () => Promise.resolve(1));
    await rejects(guardedCall(guard, 'read', () => Promise.reject(new Error('network'))));
    deepEqual(
      seen.refused.map((r) => r.errorName),
      ['expired_access_key'],
    );
    deepEqual(seen.accepted, ['order-write', 'read']);
  });

  it("guards the client's signed calls (other readers) and names order writes", async () => {
    const { guard } = recordingGuard(['order-write']);
    const client = new UpbitClient({
      baseUrl: 'http://127.0.0.1:9',
      credentials: { accessKey: 'a', secretKey: 's' },
      fetch: () => Promise.reject(new Error('must not be called')),
    });
    const guarded = guardedClient(client, guard);
    await rejects(guarded.orders.cancel({ uuid: 'u' }), ExchangeAccessLostError);
    await rejects(
      guarded.orders.place({ market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '5000' }),
      ExchangeAccessLostError,
    );
    equal(guarded.quotation, client.quotation, 'public calls unchanged');
  });
});
