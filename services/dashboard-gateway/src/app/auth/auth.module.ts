import type { GatewayModule } from '../gateway-context.js';
import { limitCommands } from './command-limits.js';
import { loginAttempts, registerLoginRoutes } from './login.routes.js';
import { PasswordLogin } from './password-login.js';
import { installSecurityHeaders } from './security-headers.js';
import { registerSessionRoutes } from './session.routes.js';

/**
 * Security and login (ADR 0038): the security headers, the command rate limit on every command
 * route registered after it (so it is the first module), one-time link and password login,
 * `GET /api/session`, `POST /api/logout`.
 */
export const authModule: GatewayModule = {
  name: 'auth',
  async start(ctx, app) {
    const passwords = new PasswordLogin(ctx.settings.users ?? []);
    await installSecurityHeaders(app, () => ctx.origin());
    limitCommands(app, ctx.guards, ctx.settings.rateLimits.commandsPerMinute);
    registerLoginRoutes(
      app,
      ctx,
      passwords,
      loginAttempts(app, ctx.settings.rateLimits.loginPerMinute),
    );
    registerSessionRoutes(app, ctx);
  },
};
