import type { SessionLimits, Session } from './sessions.js';

/** What the page learns about its session (`GET /api/session`, the login reply). */
export interface SessionView {
  /** The issuer of its commands (`dashboard:alice`, `cli:alice@host`). */
  readonly user: string;
  readonly role: Session['role'];
  /** To send as `x-csrf-token` on every command; delivered only here, never in a URL. */
  readonly csrfToken: string;
  /** When it ends unless used again (idle) or at the latest (absolute), whichever is first. */
  readonly expiresAt: string;
}

export const sessionView = (session: Session, limits: SessionLimits): SessionView => ({
  user: session.user,
  role: session.role,
  csrfToken: session.csrfToken,
  expiresAt: new Date(
    Math.min(session.createdAt + limits.absoluteMs, session.lastUsedAt + limits.idleMs),
  ).toISOString(),
});
