import { deepEqual, equal, ok, rejects } from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { dec } from '@hoga/model';
import { orderParams } from '../api/order-requests.js';
import { createJwtSigner } from './jwt.js';
import { toJsonBody, toPairs } from './query-string.js';

const secret = 'test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz';
const credentials = { accessKey: 'test-access-key', secretKey: secret };
const key = new TextEncoder().encode(secret);
/** Written out by hand: the vectors do not reuse the code under test. */
const sha512 = (s: string): string => createHash('sha512').update(s, 'utf8').digest('hex');
const fixedNonce = () => 'nonce-0001';

async function claims(token: string): Promise<Record<string, unknown>> {
  const { payload } = await jwtVerify(token, key, { algorithms: ['HS512'] });
  return payload;
}

describe('Upbit JWT', () => {
  it('signs a GET with an array: repeated key[] pairs, un-encoded, in sent order', async () => {
    const sign = createJwtSigner(credentials, fixedNonce);
    const token = await sign(toPairs({ market: 'KRW-BTC', states: ['wait', 'watch'] }));
    deepEqual(await claims(token), {
      access_key: 'test-access-key',
      nonce: 'nonce-0001',
      query_hash: sha512('market=KRW-BTC&states[]=wait&states[]=watch'),
      query_hash_alg: 'SHA512',
    });
    equal(decodeProtectedHeader(token).alg, 'HS512');
  });

  it('hashes times before URL-encoding (a raw `:` and `+`)', async () => {
    const sign = createJwtSigner(credentials, fixedNonce);
    const token = await sign(
      toPairs({ market: 'KRW-BTC', start_time: '2026-11-23T09:00:00+09:00', limit: 5 }),
    );
    equal(
      (await claims(token)).query_hash,
      sha512('market=KRW-BTC&start_time=2026-11-23T09:00:00+09:00&limit=5'),
    );
  });

  it('signs a DELETE by identifier', async () => {
    const sign = createJwtSigner(credentials, fixedNonce);
    const token = await sign(toPairs({ identifier: 'pos-7-exit-2' }));
    equal((await claims(token)).query_hash, sha512('identifier=pos-7-exit-2'));
  });

  it('signs a POST body as k=v pairs in body order, and the JSON body keeps that order', async () => {
    const sign = createJwtSigner(credentials, fixedNonce);
    const pairs = toPairs(
      orderParams({
        market: 'KRW-BTC',
        side: 'bid',
        ord_type: 'limit',
        price: dec('100000000'),
        volume: '0.01',
        identifier: 'pos-1-entry-1',
        time_in_force: 'ioc',
      }),
    );
    const token = await sign(pairs);
    equal(
      (await claims(token)).query_hash,
      sha512(
        'market=KRW-BTC&side=bid&ord_type=limit&volume=0.01&price=100000000&identifier=pos-1-entry-1&time_in_force=ioc',
      ),
    );
    equal(
      toJsonBody(pairs),
      '{"market":"KRW-BTC","side":"bid","ord_type":"limit","volume":"0.01","price":"100000000","identifier":"pos-1-entry-1","time_in_force":"ioc"}',
    );
  });

  it('leaves query_hash out when there are no parameters and uses a fresh nonce each time', async () => {
    let n = 0;
    const sign = createJwtSigner(credentials, () => `nonce-${++n}`);
    const first = await claims(await sign());
    const second = await claims(await sign([]));
    deepEqual(first, { access_key: 'test-access-key', nonce: 'nonce-1' });
    deepEqual(second, { access_key: 'test-access-key', nonce: 'nonce-2' });
  });

  it('defaults to random UUID nonces', async () => {
    const sign = createJwtSigner(credentials);
    const a = await claims(await sign());
    const b = await claims(await sign());
    ok(typeof a.nonce === 'string' && /^[0-9a-f-]{36}$/.test(a.nonce));
    ok(a.nonce !== b.nonce);
  });

  it('writes the very token jose signs for the same claims, byte for byte (property)', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 });
    const pair = fc.record({ key: fc.stringMatching(/^[a-z_]{1,12}(\[\])?$/), value: text });
    await fc.assert(
      fc.asyncProperty(
        // WebCrypto (jose) takes no empty HMAC key; Upbit's secrets are 40 characters.
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
        text,
        fc.array(pair, { maxLength: 5 }),
        async (secretKey, nonce, pairs) => {
          const own = { accessKey: 'access-key', secretKey };
          const token = await createJwtSigner(own, () => nonce)(pairs);
          const claims: Record<string, string> = { access_key: 'access-key', nonce };
          if (pairs.length > 0) {
            claims.query_hash = sha512(pairs.map((p) => `${p.key}=${p.value}`).join('&'));
            claims.query_hash_alg = 'SHA512';
          }
          const expected = await new SignJWT(claims)
            .setProtectedHeader({ alg: 'HS512', typ: 'JWT' })
            .sign(new TextEncoder().encode(secretKey));
          equal(token, expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not verify with another secret', async () => {
    const token = await createJwtSigner(credentials, fixedNonce)();
    await rejects(jwtVerify(token, new TextEncoder().encode('another-secret')));
  });
});
