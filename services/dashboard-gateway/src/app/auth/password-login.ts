import { randomBytes } from 'node:crypto';
import type { DashboardRole } from '@hoga/contracts';
import type { DashboardUser } from '../../config.js';
import {
  DEFAULT_SCRYPT_COST,
  parsePasswordHash,
  verifyPassword,
  type PasswordHash,
} from './password-hash.js';

/** A configured user whose password matched. */
export interface PasswordUser {
  /** `dashboard:<name>`: the issuer of the session's commands. */
  readonly user: string;
  readonly role: DashboardRole;
}

/** A `users` entry the gateway cannot use (it refuses to start). */
export class PasswordConfigError extends Error {
  override readonly name = 'PasswordConfigError';
}

/**
 * Checks configured users' passwords (`settings.users`). An unknown name costs the same scrypt
 * work as a known one (a decoy hash with the first user's cost), so timing does not tell which
 * names exist; the comparison is constant-time.
 */
export class PasswordLogin {
  readonly #users: ReadonlyMap<
    string,
    { readonly role: DashboardRole; readonly hash: PasswordHash }
  >;
  readonly #decoy: PasswordHash;

  constructor(users: readonly DashboardUser[]) {
    const byName = new Map<string, { role: DashboardRole; hash: PasswordHash }>();
    for (const u of users) {
      const hash = parsePasswordHash(u.passwordHash);
      if (typeof hash === 'string')
        throw new PasswordConfigError(`users: ${u.name}: passwordHash: ${hash}`);
      if (byName.has(u.name)) throw new PasswordConfigError(`users: ${u.name} appears twice`);
      byName.set(u.name, { role: u.role, hash });
    }
    this.#users = byName;
    const first = byName.values().next();
    const cost = first.done === true ? DEFAULT_SCRYPT_COST : first.value.hash;
    this.#decoy = { ...cost, salt: randomBytes(16), hash: randomBytes(32) };
  }

  /** True when at least one user is configured (else password login is off). */
  get enabled(): boolean {
    return this.#users.size > 0;
  }

  /** The user when `name` exists and `password` is theirs; undefined otherwise. */
  async check(name: string, password: string): Promise<PasswordUser | undefined> {
    if (!this.enabled) return undefined;
    const known = this.#users.get(name);
    const matched = await verifyPassword(password, known?.hash ?? this.#decoy);
    return known !== undefined && matched
      ? { user: `dashboard:${name}`, role: known.role }
      : undefined;
  }
}
