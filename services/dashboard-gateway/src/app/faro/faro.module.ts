import type { FastifyRequest } from 'fastify';
import type { GatewayModule } from '../gateway-context.js';
import { ApiError, decodeRequest } from '../../adapters/http/api-error.js';
import { defaultStaticDir } from '../../adapters/static/static.module.js';
import { FaroPayload, itemCount } from './faro-payload.codec.js';
import { logPageErrors, resolvePageErrors } from './page-errors.js';
import { SeenKeys } from './seen-keys.js';
import { SourceMaps } from './source-maps.js';

/** The page's Faro endpoint (ADR 0044). */
export const FARO_COLLECT_PATH = '/api/faro/collect';
/** What the page asks before starting Faro. */
export const FARO_CONFIG_PATH = '/api/faro/config';

/** Idempotency keys remembered (a retried payload is forwarded once). */
const KEYS_KEPT = 10_000;
/** What a page is told to wait when the queue is full. */
const RETRY_AFTER_S = 30;
/** The page's version as Faro reports it (`app.version`). */
const APP_VERSION = '0.1.0';

const printableHeader = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' && value.length <= 128 && /^[\x21-\x7e]+$/.test(value)
    ? value
    : undefined;
};

/**
 * Front-end observability (ADR 0044). `GET /api/faro/config` (viewer) tells the page whether
 * Faro is on; `POST /api/faro/collect` (a session, its CSRF token, no foreign Origin; its own
 * rate limit per session, not the commands'; `faro.maxBodyBytes`) decodes the payload's top level,
 * resolves its errors' stack frames with the build's source maps (and logs the errors, `page
 * error`) and queues it for the collector (202), once per `Idempotency-Key`; a full queue is a 503
 * with `Retry-After`. Off (404) while no `faro.collectorUrl` is set.
 */
export const faroModule: GatewayModule = {
  name: 'faro',
  start(ctx, app) {
    const settings = ctx.settings.faro;
    const forwarder = ctx.faro;
    const seen = new SeenKeys(KEYS_KEPT);
    // the build the page runs: its source maps resolve the page's stack frames
    const maps = new SourceMaps(ctx.settings.staticDir ?? defaultStaticDir());

    app.get(FARO_CONFIG_PATH, { preHandler: ctx.guards.viewer }, async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return forwarder === undefined
        ? { enabled: false }
        : {
            enabled: true,
            url: FARO_COLLECT_PATH,
            app: {
              name: settings.appName,
              version: APP_VERSION,
              environment: settings.environment,
            },
          };
    });

    const limiter = app.rateLimit({
      max: settings.perMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => {
        const session = ctx.guards.sessionOf(request);
        return session !== undefined ? `faro:${session.id}` : `faro-ip:${request.ip}`;
      },
    });
    app.post(
      FARO_COLLECT_PATH,
      { bodyLimit: settings.maxBodyBytes, onRequest: limiter },
      async (request, reply) => {
        const session = ctx.guards.requireRole(request, 'viewer');
        if (forwarder === undefined)
          throw new ApiError('not-found', 'front-end observability is off (no faro.collectorUrl)');
        const payload = decodeRequest(FaroPayload, request.body, 'body');
        if (itemCount(payload) === 0) throw new ApiError('bad-request', 'the payload has no items');
        const key = printableHeader(request, 'idempotency-key');
        const seenKey = key === undefined ? undefined : `${session.id}:${key}`;
        if (seenKey !== undefined && seen.seen(seenKey))
          return reply.code(202).send({ accepted: true, duplicate: true });
        const faroSession = printableHeader(request, 'x-faro-session-id');
        const resolved = await resolvePageErrors(payload, maps);
        const taken = forwarder.offer(
          JSON.stringify(resolved),
          faroSession === undefined ? {} : { 'x-faro-session-id': faroSession },
        );
        if (!taken) {
          if (seenKey !== undefined) seen.forget(seenKey);
          void reply.header('retry-after', String(RETRY_AFTER_S));
          throw new ApiError(
            'unavailable',
            'the collector is behind: payload dropped, retry later',
          );
        }
        logPageErrors(ctx.logger, resolved, {
          user: session.user,
          ...(faroSession === undefined ? {} : { faroSession }),
        });
        return reply.code(202).send({ accepted: true });
      },
    );
    return Promise.resolve(forwarder === undefined ? undefined : () => forwarder.stop());
  },
};
