import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

/** How a test signs: Upbit's client-side rules, written with jose (independent of the emulator). */
export interface SignOptions {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly alg?: 'HS256' | 'HS512';
  /** The un-encoded `k=v&k=v` string to hash, when the request has parameters. */
  readonly hashInput?: string;
  readonly nonce?: string;
  /** Overrides the computed query_hash (to test mismatches). */
  readonly queryHash?: string;
}

/** `Bearer <JWT>` as an Upbit client sends it. */
export async function bearer(o: SignOptions): Promise<string> {
  const claims: Record<string, string> = {
    access_key: o.accessKey,
    nonce: o.nonce ?? randomUUID(),
  };
  if (o.hashInput !== undefined || o.queryHash !== undefined) {
    claims['query_hash'] =
      o.queryHash ??
      createHash('sha512')
        .update(o.hashInput ?? '', 'utf8')
        .digest('hex');
    claims['query_hash_alg'] = 'SHA512';
  }
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: o.alg ?? 'HS512', typ: 'JWT' })
    .sign(new TextEncoder().encode(o.secretKey));
  return `Bearer ${token}`;
}
