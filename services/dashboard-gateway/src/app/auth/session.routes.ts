import type { FastifyInstance } from 'fastify';
import type { GatewayContext } from '../gateway-context.js';
import { SESSION_COOKIE } from './guards.js';
import { sessionView } from './session-view.js';

/**
 * `GET /api/session`: who is logged in, the CSRF token and when the session ends (401 without
 * one); `POST /api/logout`: ends it (session + CSRF token + Origin, any role) and clears the
 * cookie.
 */
export function registerSessionRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/api/session', (request, reply) => {
    const session = ctx.guards.requireSession(request);
    return reply
      .header('cache-control', 'no-store')
      .send(sessionView(session, ctx.settings.sessions));
  });

  app.post('/api/logout', (request, reply) => {
    const session = ctx.guards.requireRole(request, 'viewer');
    ctx.sessions.close(session.id);
    ctx.logger.info('dashboard logout', { user: session.user });
    return reply
      .clearCookie(SESSION_COOKIE, { path: '/' })
      .header('cache-control', 'no-store')
      .status(204)
      .send();
  });
}
