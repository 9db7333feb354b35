import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { Account } from '../exchange/account.js';
import { exchangeError, type ExchangeError } from '../exchange/exchange-error.js';

const ALGORITHMS = { HS256: 'sha256', HS512: 'sha512' } as const;

const fail = (name: string, message: string): E.Either<ExchangeError, never> =>
  E.left(exchangeError(401, name, message));

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** What a request offers for authentication. */
export interface AuthInput {
  /** The `Authorization` header. */
  readonly header: string | undefined;
  /** The string `query_hash` must be the SHA-512 of; undefined when the request has no parameters. */
  readonly hashInput: string | undefined;
  readonly ip: string;
  readonly now: number;
}

/** The access key a bearer token claims, unverified (to key rate limits per account). */
export function claimedAccessKey(header: string | undefined): string | undefined {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  const claims = token?.split('.')[1];
  const key = claims === undefined ? undefined : decodeJson(claims)?.['access_key'];
  return typeof key === 'string' ? key : undefined;
}

/**
 * Verifies an Upbit JWT exactly as the exchange does: HS256 or HS512 over the secret key as
 * raw UTF-8; `access_key` known; key not expired and the IP allowed; `nonce` never used before
 * (it is recorded once the signature checks out); `query_hash` = SHA-512 hex of the request's
 * parameters when it has any.
 */
export function authenticate(
  input: AuthInput,
  lookup: (accessKey: string) => Account | undefined,
): E.Either<ExchangeError, Account> {
  if (input.header === undefined || input.header === '')
    return fail('no_authorization_token', 'Authorization header is missing');
  const token = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(input.header);
  if (!token) return fail('jwt_verification', 'Authorization must be "Bearer <JWT>"');
  const [, h, p, s] = token as unknown as [string, string, string, string];
  const header = decodeJson(h);
  const claims = decodeJson(p);
  const alg = header?.['alg'];
  if (!header || !claims || (alg !== 'HS256' && alg !== 'HS512'))
    return fail('jwt_verification', 'unsupported or malformed token');
  const accessKey = claims['access_key'];
  if (typeof accessKey !== 'string') return fail('jwt_verification', 'access_key claim is missing');
  const account = lookup(accessKey);
  if (!account) return fail('invalid_access_key', 'unknown access key');
  const expected = createHmac(ALGORITHMS[alg], Buffer.from(account.secretKey, 'utf8'))
    .update(`${h}.${p}`)
    .digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return fail('jwt_verification', 'signature mismatch');
  if (account.expiresAt !== undefined && input.now > account.expiresAt)
    return fail('expired_access_key', 'access key expired');
  if (account.allowedIps && !account.allowedIps.includes(input.ip))
    return fail('no_authorization_ip', `IP ${input.ip} is not allowed`);
  const nonce = claims['nonce'];
  if (typeof nonce !== 'string' || nonce === '')
    return fail('jwt_verification', 'nonce claim is missing');
  if (account.nonces.has(nonce)) return fail('nonce_used', 'nonce was already used');
  account.nonces.add(nonce);
  return checkQueryHash(claims, input.hashInput, account);
}

function checkQueryHash(
  claims: Record<string, unknown>,
  hashInput: string | undefined,
  account: Account,
): E.Either<ExchangeError, Account> {
  if (hashInput === undefined) return E.right(account);
  const hash = claims['query_hash'];
  const alg = claims['query_hash_alg'];
  if (alg !== undefined && alg !== 'SHA512')
    return fail('invalid_query_payload', 'query_hash_alg must be SHA512');
  const expected = createHash('sha512').update(hashInput, 'utf8').digest('hex');
  if (typeof hash !== 'string' || hash.toLowerCase() !== expected)
    return fail('invalid_query_payload', 'query_hash does not match the parameters');
  return E.right(account);
}
