import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { DashboardRole } from '@hoga/contracts';
import { ApiError } from '../../adapters/http/api-error.js';
import type { Session, SessionStore } from './sessions.js';

/** The session cookie: HttpOnly, SameSite=Strict, path `/`. */
export const SESSION_COOKIE = 'hoga_session';
/** The header every command carries with the session's CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The checks in front of the routes: who is asking, may they, and from where. */
export class Guards {
  constructor(
    private readonly sessions: SessionStore,
    /** The origin browsers use (`http://127.0.0.1:8790`): commands and WebSockets must come from it. */
    private readonly origin: () => string,
  ) {}

  /** The request's session, or undefined (no cookie, unknown or expired). */
  sessionOf(request: FastifyRequest): Session | undefined {
    return this.sessions.use(request.cookies[SESSION_COOKIE]);
  }

  /** The request's session, or a 401. */
  requireSession(request: FastifyRequest): Session {
    const session = this.sessionOf(request);
    if (session === undefined) throw new ApiError('unauthenticated', 'log in first');
    return session;
  }

  /** True when the `Origin` header is absent or the dashboard's own (RFC 6455 §10.2, CSRF). */
  originAllowed(request: FastifyRequest): boolean {
    const origin = request.headers.origin;
    return origin === undefined || origin === this.origin();
  }

  /** A WebSocket upgrade must name the dashboard's own origin (browsers always send one). */
  webSocketOriginAllowed(request: FastifyRequest): boolean {
    return request.headers.origin === this.origin();
  }

  /** preHandler: any logged-in user (read-only routes). */
  readonly viewer: preHandlerAsyncHookHandler = async (request: FastifyRequest) => {
    this.requireSession(request);
  };

  /**
   * preHandler for commands: a session (401), the operator role (403 `forbidden`), the session's
   * CSRF token in `x-csrf-token` (403 `csrf`) and no foreign `Origin` (403 `forbidden`).
   */
  readonly operator: preHandlerAsyncHookHandler = async (request: FastifyRequest) => {
    this.requireRole(request, 'operator');
  };

  /** The checks of {@link operator}, returning the session. */
  requireRole(request: FastifyRequest, role: DashboardRole): Session {
    const session = this.requireSession(request);
    if (role === 'operator' && session.role !== 'operator')
      throw new ApiError('forbidden', 'this needs the operator role');
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken))
      throw new ApiError('csrf', `missing or wrong ${CSRF_HEADER} header`);
    if (!this.originAllowed(request)) throw new ApiError('forbidden', 'foreign Origin');
    return session;
  }
}

/** Sets the session cookie (HttpOnly, SameSite=Strict; Secure behind https). */
export function setSessionCookie(
  reply: FastifyReply,
  session: Session,
  secure: boolean,
  maxAgeMs: number,
): void {
  void reply.setCookie(SESSION_COOKIE, session.id, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}
