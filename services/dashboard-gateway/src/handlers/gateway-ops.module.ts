import { serveOps } from '@hoga/bus';
import type { GatewayModule } from '../app/gateway-context.js';

/**
 * `hoga.ops.dashboard-gateway.*`: `status` (clients, queued bytes, dropped clients, sessions,
 * the live sequence, the page's Faro payloads forwarded and dropped) and `login-link` (a one-time login link for `hoga dashboard url`).
 */
export const gatewayOpsModule: GatewayModule = {
  name: 'ops',
  async start(ctx) {
    const startedAt = ctx.now().toISOString();
    const server = await serveOps(
      ctx.bus,
      'dashboard-gateway',
      {
        status: () => {
          const live = ctx.hub.stats();
          return Promise.resolve({
            ok: true as const,
            url: `${ctx.origin()}/`,
            startedAt,
            ...live,
            sessions: ctx.sessions.sweep(),
            sequence: ctx.hub.sequence,
            faro: ctx.faro?.stats() ?? null,
          });
        },
        'login-link': (request) => {
          const { code, expiresAt } = ctx.loginCodes.issue(request.data.user, request.data.role);
          ctx.logger.info('login link issued', {
            user: request.data.user,
            role: request.data.role,
          });
          return Promise.resolve({
            ok: true as const,
            url: `${ctx.origin()}/login?code=${code}`,
            expiresAt: new Date(expiresAt).toISOString(),
          });
        },
      },
      { logger: ctx.logger },
    );
    return () => server.stop();
  },
};
