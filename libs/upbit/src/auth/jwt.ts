import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { hashInput, sha512Hex, type ParamPair } from './query-string.js';

/** An Upbit API key pair. Never logged, never placed in an error. */
export interface UpbitCredentials {
  readonly accessKey: string;
  readonly secretKey: string;
}

/** Makes a fresh nonce per request (default `crypto.randomUUID`); injectable for fixed vectors. */
export type NonceSource = () => string;

/** Signs one request's JWT; `pairs` are the request's parameters in sent order (none: no hash). */
export type JwtSigner = (pairs?: readonly ParamPair[]) => Promise<string>;

/**
 * Creates a signer of Upbit JWTs: HS512 with the secret as raw UTF-8; claims `access_key`, a
 * fresh `nonce`, and, when the request has parameters, `query_hash` (hex SHA-512 of the
 * un-encoded `k=v&k[]=v` string in sent order) with `query_hash_alg: "SHA512"`. No `iat`/`exp`.
 * The secret lives only in this closure.
 */
export function createJwtSigner(
  credentials: UpbitCredentials,
  nonce: NonceSource = randomUUID,
): JwtSigner {
  const key = new TextEncoder().encode(credentials.secretKey);
  const accessKey = credentials.accessKey;
  return async (pairs) => {
    const claims: Record<string, string> = { access_key: accessKey, nonce: nonce() };
    if (pairs !== undefined && pairs.length > 0) {
      claims.query_hash = sha512Hex(hashInput(pairs));
      claims.query_hash_alg = 'SHA512';
    }
    return new SignJWT(claims).setProtectedHeader({ alg: 'HS512', typ: 'JWT' }).sign(key);
  };
}
