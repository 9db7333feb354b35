import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayContext, GatewayModule } from '../../app/gateway-context.js';
import { ApiError } from '../http/api-error.js';

/** The placeholder page shipped with the package, served while the web app is not built. */
export const PLACEHOLDER_DIR = fileURLToPath(new URL('../../../public/', import.meta.url));
/** The web app's Vite build (`services/dashboard-gateway/web/dist/app`, `npm start` makes it). */
export const WEB_BUILD_DIR = fileURLToPath(new URL('../../../web/dist/app/', import.meta.url));

/** The default `staticDir`: the web app's build when it exists, else the placeholder page. */
export const defaultStaticDir = (): string =>
  existsSync(join(WEB_BUILD_DIR, 'index.html')) ? WEB_BUILD_DIR : PLACEHOLDER_DIR;

/** Hashed build output (`/assets/app-3f2a1c.js`): cached for a year, never revalidated. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (`index.html`, `favicon.ico`): revalidated on every use. */
export const REVALIDATE = 'no-cache';

/** A static directory the gateway can serve (`index.html` in it), or a reason it cannot. */
function checkStaticDir(dir: string): string {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html')) || !statSync(join(root, 'index.html')).isFile())
    throw new Error(`staticDir ${root} has no index.html (build the web app first)`);
  return root;
}

/** A path the single-page app may route itself (`/positions/pos-1`): not the API, not a file. */
export function isAppPath(path: string): boolean {
  if (path === '/api' || path.startsWith('/api/') || path.startsWith('/assets/')) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/**
 * The web app's files (`settings.staticDir`, else {@link defaultStaticDir}): every file of the
 * directory at start but the source maps (`*.map`: read by the gateway only, a 404 to a
 * browser) (`/assets/*` immutable, the rest `no-cache`; compressed by the app's
 * @fastify/compress), and `index.html` for `/` and every other app path — after a login: a
 * browser without a session is sent to `/login`. Unknown `/api/…`, `/assets/…` and file paths
 * stay a JSON 404. Registered last: its catch-all route yields to every module's routes.
 */
export const staticModule: GatewayModule = {
  name: 'static',
  async start(ctx, app) {
    const root = checkStaticDir(ctx.settings.staticDir ?? defaultStaticDir());
    const assets = join(root, 'assets') + sep;
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: false,
      // index.html goes through the session check below; source maps are the gateway's own, to
      // resolve the page's stack frames (faro/source-maps.ts), not for whoever asks (ADR 0044)
      globIgnore: ['index.html', '**/*.map'],
      serveDotFiles: false,
      cacheControl: false,
      setHeaders: (reply, path) => {
        void reply.header('cache-control', path.startsWith(assets) ? IMMUTABLE : REVALIDATE);
      },
    });
    const app_ = (request: FastifyRequest, reply: FastifyReply) => appPage(ctx, request, reply);
    app.get('/', app_);
    app.get('/*', app_);
    ctx.logger.info('serving the web app', { staticDir: root });
  },
};

async function appPage(ctx: GatewayContext, request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0] ?? '/';
  if (!isAppPath(path)) throw new ApiError('not-found', 'no such resource');
  if (ctx.guards.sessionOf(request) === undefined) return reply.redirect('/login', 303);
  return reply.header('cache-control', REVALIDATE).sendFile('index.html');
}
