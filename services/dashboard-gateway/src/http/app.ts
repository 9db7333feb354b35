import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from '@hoga/telemetry';
import { installErrorHandler } from './error-handler.js';

/** The largest request body accepted (a strategy spec is a few KB). */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The gateway's HTTP server: JSON bodies up to {@link MAX_BODY_BYTES}, cookies, WebSockets
 * (messages up to 64 KiB), every error as `{ error }` JSON. Routes are added by the modules.
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
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  return app;
}
