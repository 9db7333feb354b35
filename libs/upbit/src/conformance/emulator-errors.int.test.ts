import { equal, ok } from 'node:assert/strict';
import type { RunningEmulator } from '@hoga/upbit-emulator';
import type { PlaceOrderRequest } from '../api/order-requests.js';
import { UpbitClient } from '../api/upbit-client.js';
import {
  isDuplicateIdentifier,
  isOrderNotFound,
  isUpbitApiError,
  isUpbitAuthError,
} from '../errors/upbit.guards.js';
import { assertNoSecrets } from '../testing/rest-harness.js';
import { ALICE, clientFor, startTestEmulator } from '../testing/emulator-harness.js';

const fail = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );

/** A fetch that edits each request after it was signed (to provoke what a correct client never sends). */
function tamper(edit: (url: string, init: RequestInit) => [string, RequestInit]): typeof fetch {
  return (input, init) =>
    fetch(...edit(input instanceof Request ? input.url : input.toString(), init ?? {}));
}

describe('conformance: error names from the emulator', () => {
  let emulator: RunningEmulator;
  let client: UpbitClient;
  const keys = {
    expired: { accessKey: 'expired-key', secretKey: 'expired-secret' },
    walled: { accessKey: 'walled-key', secretKey: 'walled-secret' },
    readOnly: { accessKey: 'readonly-key', secretKey: 'readonly-secret' },
  };
  before(async () => {
    emulator = await startTestEmulator({
      accounts: [
        { ...ALICE, balances: { KRW: '100000', BTC: '0.0001' } },
        { ...keys.expired, expiresAt: Date.now() - 1000 },
        { ...keys.walled, allowedIps: ['10.1.2.3'] },
        { ...keys.readOnly, scopes: ['accounts', 'orders:read'] },
      ],
    });
    client = clientFor(emulator);
  });
  after(() => emulator.close());

  const auth = async (c: UpbitClient, name: string) => {
    const e = await fail(c.account.balances());
    ok(isUpbitAuthError(e) && e.errorName === name, `${name}: ${String(e)}`);
    assertNoSecrets(e);
  };

  it('401 invalid_access_key, jwt_verification, expired_access_key, no_authorization_ip', async () => {
    await auth(
      new UpbitClient({
        baseUrl: emulator.url,
        credentials: { accessKey: 'nobody', secretKey: 'x' },
      }),
      'invalid_access_key',
    );
    await auth(
      new UpbitClient({
        baseUrl: emulator.url,
        credentials: { ...ALICE, secretKey: 'wrong-secret' },
      }),
      'jwt_verification',
    );
    await auth(
      new UpbitClient({ baseUrl: emulator.url, credentials: keys.expired }),
      'expired_access_key',
    );
    await auth(
      new UpbitClient({ baseUrl: emulator.url, credentials: keys.walled }),
      'no_authorization_ip',
    );
  });

  it('401 nonce_used when a nonce repeats', async () => {
    const sameNonce = new UpbitClient({
      baseUrl: emulator.url,
      credentials: ALICE,
      nonce: () => 'always-the-same',
    });
    await sameNonce.account.balances();
    await auth(sameNonce, 'nonce_used');
  });

  it('401 invalid_query_payload when the sent query differs from the signed one', async () => {
    const c = clientFor(emulator, {
      fetch: tamper((url, init) => [url.replace('KRW-BTC', 'KRW-ETH'), init]),
    });
    const e = await fail(c.account.chance('KRW-BTC'));
    ok(isUpbitAuthError(e) && e.errorName === 'invalid_query_payload');
  });

  it('401 no_authorization_token without the header', async () => {
    const strip = tamper((url, init) => {
      const headers = { ...(init.headers as Record<string, string>) };
      delete headers.authorization;
      return [url, { ...init, headers }];
    });
    await auth(clientFor(emulator, { fetch: strip }), 'no_authorization_token');
  });

  it('403 out_of_scope for a key without order permission', async () => {
    const c = new UpbitClient({ baseUrl: emulator.url, credentials: keys.readOnly });
    const e = await fail(
      c.orders.place({ market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000' }),
    );
    ok(isUpbitAuthError(e) && e.status === 403 && e.errorName === 'out_of_scope');
  });

  it('404 order_not_found', async () => {
    ok(isOrderNotFound(await fail(client.orders.get({ identifier: 'never-placed' }))));
    ok(
      isOrderNotFound(
        await fail(client.orders.cancel({ uuid: '00000000-0000-4000-8000-000000000000' })),
      ),
    );
  });

  it('400 order rejections by name', async () => {
    const cases: [string, PlaceOrderRequest][] = [
      [
        'create_bid_error',
        {
          market: 'KRW-BTC',
          side: 'bid',
          ord_type: 'price',
          price: '10000',
          volume: '0.1',
        } as unknown as PlaceOrderRequest,
      ],
      [
        'create_ask_error',
        {
          market: 'KRW-BTC',
          side: 'ask',
          ord_type: 'market',
          volume: '0.0001',
          price: '100000000',
        } as unknown as PlaceOrderRequest,
      ],
      [
        'insufficient_funds_bid',
        { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '90000000', volume: '0.01' },
      ],
      [
        'insufficient_funds_ask',
        { market: 'KRW-BTC', side: 'ask', ord_type: 'limit', price: '110000000', volume: '0.01' },
      ],
      [
        'under_min_total_bid',
        { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '90000000', volume: '0.00001' },
      ],
      [
        'under_min_total_ask',
        {
          market: 'KRW-BTC',
          side: 'ask',
          ord_type: 'limit',
          price: '110000000',
          volume: '0.00001',
        },
      ],
      [
        'invalid_price_bid',
        { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: '90000500', volume: '0.0001' },
      ],
      [
        'invalid_price_ask',
        { market: 'KRW-BTC', side: 'ask', ord_type: 'limit', price: '110000500', volume: '0.0001' },
      ],
      [
        'validation_error',
        { market: 'KRW-BTC', side: 'bid', ord_type: 'limit', price: 'lots', volume: '0.0001' },
      ],
    ];
    for (const [name, order] of cases) {
      const e = await fail(client.orders.place(order));
      ok(isUpbitApiError(e, name) && e.status === 400, `${name}: ${String(e)}`);
    }
  });

  it('400 duplicated_identifier on a reused identifier (a "look it up" error)', async () => {
    const order = {
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '5000',
      identifier: 'conf-dup-1',
    } as const;
    await client.orders.place(order);
    const e = await fail(client.orders.place(order));
    ok(isDuplicateIdentifier(e));
    equal((await client.orders.get({ identifier: 'conf-dup-1' })).identifier, 'conf-dup-1');
  });
});
