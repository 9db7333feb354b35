import { randomBytes } from 'node:crypto';
import type { DashboardRole } from '@hoga/contracts';

/** A logged-in operator or viewer: server-side only; the browser holds its id in a cookie. */
export interface Session {
  /** 256 random bits, base64url: the cookie value. */
  readonly id: string;
  /** Who (`dashboard:alice`): the issuer of every command this session sends. */
  readonly user: string;
  readonly role: DashboardRole;
  /** Sent to the page once (`GET /api/session`) and required on every command (`x-csrf-token`). */
  readonly csrfToken: string;
  readonly createdAt: number;
  lastUsedAt: number;
}

export interface SessionLimits {
  /** A session unused this long ends. */
  readonly idleMs: number;
  /** A session ends this long after login. */
  readonly absoluteMs: number;
}

const token = (): string => randomBytes(32).toString('base64url');

/**
 * The server-side sessions, in memory: a gateway restart logs everyone out (ADR 0037). Expired
 * sessions are removed when looked up and by `sweep`.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  constructor(
    private readonly limits: SessionLimits,
    private readonly now: () => number,
  ) {}

  /** Opens a session for `user`. */
  open(user: string, role: DashboardRole): Session {
    const at = this.now();
    const session: Session = {
      id: token(),
      user,
      role,
      csrfToken: token(),
      createdAt: at,
      lastUsedAt: at,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id (its idle clock restarts), or undefined. */
  use(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (session === undefined) return undefined;
    const at = this.now();
    if (this.#expired(session, at)) {
      this.#sessions.delete(id);
      return undefined;
    }
    session.lastUsedAt = at;
    return session;
  }

  /** Ends a session (logout). */
  close(id: string): void {
    this.#sessions.delete(id);
  }

  /** Removes expired sessions; returns how many live ones remain. */
  sweep(): number {
    const at = this.now();
    for (const [id, s] of this.#sessions) if (this.#expired(s, at)) this.#sessions.delete(id);
    return this.#sessions.size;
  }

  get size(): number {
    return this.#sessions.size;
  }

  #expired(s: Session, at: number): boolean {
    return at - s.lastUsedAt >= this.limits.idleMs || at - s.createdAt >= this.limits.absoluteMs;
  }
}
