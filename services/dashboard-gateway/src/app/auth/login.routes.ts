import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DashboardRole } from '@hoga/contracts';
import type { GatewayContext } from '../gateway-context.js';
import { ApiError, decodeRequest } from '../../adapters/http/api-error.js';
import { SESSION_COOKIE, setSessionCookie } from './guards.js';
import { isLoginCode, LoginBody, LoginQuery } from './login.codec.js';
import {
  BAD_FORM,
  LOGIN_CSS,
  linkRefusedPage,
  loginFormPage,
  tooManyAttemptsPage,
  WRONG_PASSWORD,
} from './login-pages.js';
import type { PasswordLogin } from './password-login.js';
import { sessionView } from './session-view.js';
import type { Session } from './sessions.js';

/** Seconds to wait when over the login limit; undefined while under it. */
export type LoginAttempts = (request: FastifyRequest) => Promise<number | undefined>;

/** Counts one login attempt of the request's address against `perMinute`. */
export function loginAttempts(app: FastifyInstance, perMinute: number): LoginAttempts {
  const limiter = app.createRateLimit({
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `login:${request.ip}`,
  });
  return async (request) => {
    const result = await limiter(request);
    return !result.isAllowed && result.isExceeded ? result.ttlInSeconds : undefined;
  };
}

const html = (reply: FastifyReply, status: number, body: string): FastifyReply =>
  reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(body);

/**
 * Opens a session for `user` (ending the one the browser had, if any) and sets its cookie:
 * HttpOnly, SameSite=Strict, Secure behind https, for the sessions' absolute lifetime.
 */
function openSession(
  ctx: GatewayContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: string,
  role: DashboardRole,
): Session {
  const previous = request.cookies[SESSION_COOKIE];
  if (previous !== undefined) ctx.sessions.close(previous);
  const session = ctx.sessions.open(user, role);
  setSessionCookie(
    reply,
    session,
    ctx.origin().startsWith('https:'),
    ctx.settings.sessions.absoluteMs,
  );
  ctx.logger.info('dashboard login', { user, role });
  return session;
}

/**
 * The login routes: `GET /login?code=` (a one-time link: session, cookie, 303 to `/` so the
 * code leaves the address bar), `GET /login` (the form), `POST /login` (the form, urlencoded)
 * and `POST /api/login` (JSON). Every attempt counts against the login limit per address.
 */
export function registerLoginRoutes(
  app: FastifyInstance,
  ctx: GatewayContext,
  passwords: PasswordLogin,
  attempts: LoginAttempts,
): void {
  app.get('/login.css', (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/css; charset=utf-8').send(LOGIN_CSS),
  );

  app.get('/login', async (request, reply) => {
    const { code } = decodeRequest(LoginQuery, request.query, 'query');
    if (code === undefined) {
      if (ctx.guards.sessionOf(request) !== undefined) return reply.redirect('/', 303);
      return html(reply, 200, loginFormPage({ passwords: passwords.enabled }));
    }
    const wait = await attempts(request);
    if (wait !== undefined)
      return html(reply.header('retry-after', String(wait)), 429, tooManyAttemptsPage(wait));
    const grant = isLoginCode(code) ? ctx.loginCodes.redeem(code) : undefined;
    if (grant === undefined) {
      ctx.logger.info('login link refused', { ip: request.ip });
      return html(reply, 401, linkRefusedPage());
    }
    openSession(ctx, request, reply, grant.user, grant.role);
    return reply.header('cache-control', 'no-store').redirect('/', 303);
  });

  // the form's urlencoded body is parsed only here: no command route accepts a form post
  void app.register((scope, _options, done) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, parsed) =>
        parsed(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.post('/login', async (request, reply) => {
      if (!ctx.guards.originAllowed(request)) throw new ApiError('forbidden', 'foreign Origin');
      const wait = await attempts(request);
      if (wait !== undefined)
        return html(reply.header('retry-after', String(wait)), 429, tooManyAttemptsPage(wait));
      let body: LoginBody;
      try {
        body = decodeRequest(LoginBody, request.body, 'body');
      } catch {
        return html(reply, 400, loginFormPage({ passwords: passwords.enabled, notice: BAD_FORM }));
      }
      const found = await passwords.check(body.user, body.password);
      if (found === undefined)
        return html(
          reply,
          401,
          loginFormPage({ passwords: passwords.enabled, notice: WRONG_PASSWORD }),
        );
      openSession(ctx, request, reply, found.user, found.role);
      return reply.header('cache-control', 'no-store').redirect('/', 303);
    });
    done();
  });

  app.post('/api/login', async (request, reply) => {
    if (!ctx.guards.originAllowed(request)) throw new ApiError('forbidden', 'foreign Origin');
    const wait = await attempts(request);
    if (wait !== undefined) {
      void reply.header('retry-after', String(wait));
      throw new ApiError(
        'too-many-requests',
        `too many login attempts: retry in ${String(wait)} s`,
      );
    }
    const body = decodeRequest(LoginBody, request.body, 'body');
    const found = await passwords.check(body.user, body.password);
    if (found === undefined) throw new ApiError('unauthenticated', 'wrong user or password');
    const session = openSession(ctx, request, reply, found.user, found.role);
    return reply
      .header('cache-control', 'no-store')
      .send(sessionView(session, ctx.settings.sessions));
  });
}
