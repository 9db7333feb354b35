import { randomBytes } from 'node:crypto';
import type { DashboardRole } from '@hoga/contracts';

/** What a one-time login code stands for until it is redeemed or expires. */
export interface LoginGrant {
  readonly user: string;
  readonly role: DashboardRole;
  readonly expiresAt: number;
}

/** The most codes outstanding at once: a flood of `login-link` requests cannot grow memory. */
export const MAX_OUTSTANDING_CODES = 1000;

/**
 * One-time login codes (`hoga dashboard url`): 128 random bits, single use, expiring after
 * `ttlMs`. A code is the only secret that ever appears in a URL, and only until it is redeemed.
 */
export class LoginCodes {
  readonly #codes = new Map<string, LoginGrant>();
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** Issues a code for `user` with `role`; the oldest outstanding code goes beyond the cap. */
  issue(user: string, role: DashboardRole): { readonly code: string; readonly expiresAt: number } {
    this.#sweep();
    if (this.#codes.size >= MAX_OUTSTANDING_CODES) {
      const oldest = this.#codes.keys().next();
      if (oldest.done !== true) this.#codes.delete(oldest.value);
    }
    const code = randomBytes(16).toString('hex');
    const expiresAt = this.now() + this.ttlMs;
    this.#codes.set(code, { user, role, expiresAt });
    return { code, expiresAt };
  }

  /** The grant of a live code, which is used up by this call; undefined if unknown or expired. */
  redeem(code: string): LoginGrant | undefined {
    const grant = this.#codes.get(code);
    if (grant === undefined) return undefined;
    this.#codes.delete(code);
    return grant.expiresAt > this.now() ? grant : undefined;
  }

  #sweep(): void {
    const at = this.now();
    for (const [code, grant] of this.#codes) if (grant.expiresAt <= at) this.#codes.delete(code);
  }
}
