import type { FastifyError, FastifyInstance } from 'fastify';
import type { Logger } from '@hoga/telemetry';
import { ApiError, isApiError } from './api-error.js';

/** Fastify's own client errors (bad JSON, body too large, bad content type) keep their 4xx. */
function clientErrorOf(error: FastifyError): ApiError | undefined {
  const status = error.statusCode;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  if (status === 413) return new ApiError('payload-too-large', 'the request body is too large');
  if (status === 429) return new ApiError('too-many-requests', 'too many requests: slow down');
  if (status === 401) return new ApiError('unauthenticated', 'log in first');
  if (status === 403) return new ApiError('forbidden', 'not allowed');
  if (status === 404) return new ApiError('not-found', 'no such resource');
  // 400, 415 and the rest: the request itself is wrong; fastify's message names what (no values)
  return new ApiError('bad-request', error.message.slice(0, 300));
}

/**
 * Every error reply is `{ error: { code, message, fields? } }`: a route's {@link ApiError}, a
 * client error from fastify mapped to its code, or — for anything unexpected — `internal`
 * (500) with the details only in the log, never in the reply.
 */
export function installErrorHandler(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = isApiError(error) ? error : clientErrorOf(error);
    if (known !== undefined) return reply.status(known.status).send(known.body());
    logger.error('request failed', {
      method: request.method,
      url: request.routeOptions.url,
      error,
    });
    const internal = new ApiError('internal', 'internal error: see the gateway log');
    return reply.status(internal.status).send(internal.body());
  });
  app.setNotFoundHandler((_request, reply) => {
    const missing = new ApiError('not-found', 'no such resource');
    return reply.status(missing.status).send(missing.body());
  });
}
