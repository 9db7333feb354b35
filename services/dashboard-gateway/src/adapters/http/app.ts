import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from '@hoga/telemetry';
import { ApiError } from './api-error.js';
import { installErrorHandler } from './error-handler.js';

/** The largest request body accepted (a strategy spec is a few KB). */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The gateway's HTTP server: JSON bodies up to {@link MAX_BODY_BYTES}, cookies, WebSockets
 * (messages up to 64 KiB), compressed replies (gzip, brotli; over 1 KiB), rate limiting on the
 * routes that ask for it (`app.rateLimit`, `app.createRateLimit`: login and commands, ADR 0038),
 * every error as `{ error }` JSON. Routes are added by the modules.
 */
export async function createApp(logger: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    // a request id per request, never trusted from the client
    requestIdHeader: false,
    trustProxy: false,
  });
  installErrorHandler(app, logger);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiError('too-many-requests', `too many requests: retry in ${context.after}`),
  });
  await app.register(fastifyCompress, { threshold: 1024 });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  return app;
}
