import { createHash } from 'node:crypto';
import { deepEqual, equal } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { openAccount, type Account } from '../exchange/account.js';
import { bearer } from '../testing/upbit-signer.js';
import { authenticate, claimedAccessKey } from './rest-auth.js';

const key = { accessKey: 'ak', secretKey: 'sk-0123456789' };
const lookupOf = (a: Account) => (k: string) => (k === a.accessKey ? a : undefined);

async function outcome(
  account: Account,
  header: string | undefined,
  hashInput?: string,
  ip = '127.0.0.1',
  now = 0,
): Promise<string> {
  const r = authenticate({ header, hashInput, ip, now }, lookupOf(account));
  return E.isLeft(r) ? `${r.left.status} ${r.left.name}` : 'ok';
}

describe('REST authentication', () => {
  it('accepts HS512 and HS256 tokens signed with the secret key', async () => {
    const a = openAccount(key);
    equal(await outcome(a, await bearer({ ...key, alg: 'HS512' })), 'ok');
    equal(await outcome(a, await bearer({ ...key, alg: 'HS256' })), 'ok');
  });

  it('names each failure as Upbit does', async () => {
    const a = openAccount(key);
    equal(await outcome(a, undefined), '401 no_authorization_token');
    equal(await outcome(a, 'Basic abc'), '401 jwt_verification');
    equal(await outcome(a, await bearer({ ...key, secretKey: 'wrong' })), '401 jwt_verification');
    equal(
      await outcome(a, await bearer({ ...key, accessKey: 'nobody' })),
      '401 invalid_access_key',
    );
    const nonce = 'n-1';
    equal(await outcome(a, await bearer({ ...key, nonce })), 'ok');
    equal(await outcome(a, await bearer({ ...key, nonce })), '401 nonce_used');
  });

  it('checks query_hash against the parameters', async () => {
    const a = openAccount(key);
    const input = 'market=KRW-BTC&states[]=wait';
    equal(await outcome(a, await bearer({ ...key, hashInput: input }), input), 'ok');
    equal(
      await outcome(a, await bearer({ ...key, hashInput: 'market=KRW-ETH' }), input),
      '401 invalid_query_payload',
    );
    equal(
      await outcome(a, await bearer(key), input),
      '401 invalid_query_payload',
      'parameters without a query_hash',
    );
    const upper = createHash('sha512').update(input).digest('hex').toUpperCase();
    equal(
      await outcome(a, await bearer({ ...key, queryHash: upper }), input),
      'ok',
      'hex case does not matter',
    );
  });

  it('does not burn a nonce on a bad signature', async () => {
    const a = openAccount(key);
    await outcome(a, await bearer({ ...key, secretKey: 'wrong', nonce: 'n-2' }));
    equal(await outcome(a, await bearer({ ...key, nonce: 'n-2' })), 'ok');
  });

  it('enforces expiry and the IP allow list', async () => {
    const expiring = openAccount({ ...key, expiresAt: 1000 });
    equal(
      await outcome(expiring, await bearer(key), undefined, '127.0.0.1', 2000),
      '401 expired_access_key',
    );
    const pinned = openAccount({ ...key, allowedIps: ['10.0.0.1'] });
    equal(await outcome(pinned, await bearer(key)), '401 no_authorization_ip');
  });

  it('reads the claimed access key without verifying (for rate-limit keys)', async () => {
    deepEqual(
      [claimedAccessKey(await bearer(key)), claimedAccessKey('nope'), claimedAccessKey(undefined)],
      ['ak', undefined, undefined],
    );
  });
});
