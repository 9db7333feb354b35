import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** The cost of a password hash: scrypt's N (a power of two), r and p. */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** A parsed `scrypt$N$r$p$salt$hash` line. */
export interface PasswordHash extends ScryptCost {
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** What `hoga dashboard hash-password` uses: N=2^15, r=8, p=1 (32 MiB, ~0.1 s; OWASP's floor is 2^17 with r=8 — raise N in the line to taste). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Lines asking for more memory than this are refused (a typo must not exhaust the gateway). */
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
/** The longest password checked (longer ones are refused before any work). */
export const MAX_PASSWORD_CHARS = 1024;

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;
const isPowerOfTwo = (n: number): boolean =>
  Number.isSafeInteger(n) && n > 1 && (n & (n - 1)) === 0;
const memoryOf = (c: ScryptCost): number => 128 * c.N * c.r + 128 * c.r * c.p;
const optionsOf = (c: ScryptCost): ScryptOptions => ({
  N: c.N,
  r: c.r,
  p: c.p,
  maxmem: memoryOf(c) + 1024 * 1024,
});

const derive = (
  password: string,
  salt: Buffer,
  length: number,
  cost: ScryptCost,
): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, optionsOf(cost), (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

/**
 * Parses `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`; a reason string when it is not one
 * (N a power of two, r and p 1..64, memory at most 256 MiB, salt and hash at least 16 bytes).
 */
export function parsePasswordHash(line: string): PasswordHash | string {
  const parts = line.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt')
    return 'expected scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>';
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!/^\d+$/.test(n) || !isPowerOfTwo(cost.N)) return 'N must be a power of two above 1';
  if (
    !/^\d+$/.test(r) ||
    !/^\d+$/.test(p) ||
    cost.r < 1 ||
    cost.r > 64 ||
    cost.p < 1 ||
    cost.p > 64
  )
    return 'r and p must be integers from 1 to 64';
  if (memoryOf(cost) > MAX_MEMORY_BYTES) return 'N and r ask for more than 256 MiB';
  if (!B64.test(salt) || !B64.test(hash)) return 'salt and hash must be base64';
  const parsed = { ...cost, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
  if (parsed.salt.length < 16 || parsed.hash.length < 16 || parsed.hash.length > 128)
    return 'salt must be at least 16 bytes, hash 16 to 128 bytes';
  return parsed;
}

/** Hashes a password into a line for `users[].passwordHash` (fresh random salt). */
export async function hashPassword(
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, HASH_BYTES, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join(
    '$',
  );
}

/** True when `password` matches `stored` (a constant-time comparison of the derived keys). */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const derived = await derive(password, stored.salt, stored.hash.length, stored);
  return timingSafeEqual(derived, stored.hash);
}
