import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { ApiError } from '../../adapters/http/api-error.js';
import type { Guards } from './guards.js';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The routes with their own limit: login (stricter), the page's Faro payloads (ADR 0044). */
const OWN_LIMIT_ROUTES = new Set(['/api/login', '/api/faro/collect']);

/** A state-changing route under `/api/` (every command), except login and Faro's endpoint. */
export function isCommandRoute(route: Pick<RouteOptions, 'method' | 'url'>): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return (
    route.url.startsWith('/api/') &&
    !OWN_LIMIT_ROUTES.has(route.url) &&
    methods.some((m) => COMMAND_METHODS.has(m.toUpperCase()))
  );
}

/**
 * Gives every command route (added after this call, by any module) one shared budget of
 * `perMinute` requests per session — per client address without a live session — so a
 * runaway page or script cannot flood the engine. Over it: 429 `too-many-requests` with
 * `Retry-After`. Runs in `onRequest`, before the guards.
 */
export function limitCommands(app: FastifyInstance, guards: Guards, perMinute: number): void {
  const keyOf = (request: FastifyRequest): string => {
    const session = guards.sessionOf(request);
    return session !== undefined ? `session:${session.id}` : `ip:${request.ip}`;
  };
  const limiter = app.rateLimit({
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: keyOf,
    errorResponseBuilder: (_request, context) =>
      new ApiError('too-many-requests', `too many commands: retry in ${context.after}`),
  });
  app.addHook('onRoute', (route) => {
    if (!isCommandRoute(route)) return;
    const existing = route.onRequest;
    route.onRequest = [
      limiter,
      ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
    ];
  });
}
