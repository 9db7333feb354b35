import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Session, SessionStore } from '../auth/sessions.js';
import type { GatewayContext } from '../gateway-context.js';
import { ApiError, decodeRequest } from '../../adapters/http/api-error.js';
import { LiveClient, type LiveClientLimits } from './live-client.js';
import { LiveQuery } from './live-protocol.js';

/** The live clients of one gateway, checked together for slowness and heartbeats. */
export class LiveClients {
  readonly #clients = new Set<LiveClient>();

  add(client: LiveClient): void {
    this.#clients.add(client);
  }
  delete(client: LiveClient): void {
    this.#clients.delete(client);
  }
  get size(): number {
    return this.#clients.size;
  }
  /** Closes slow clients (and resumes the ones whose socket drained). */
  check(now: number): void {
    for (const client of this.#clients) client.check(now);
  }
  heartbeat(now: Date): void {
    for (const client of this.#clients) client.heartbeat(now);
  }
  closeAll(code: number, reason: string): void {
    for (const client of this.#clients) client.close(code, reason);
    this.#clients.clear();
  }
}

/**
 * True while `session` is still in the store (not logged out, not expired). An open socket is not
 * use of the session: its idle clock is put back as it was.
 */
function sessionOpen(sessions: SessionStore, session: Session): boolean {
  const lastUsedAt = session.lastUsedAt;
  const open = sessions.use(session.id) !== undefined;
  session.lastUsedAt = lastUsedAt;
  return open;
}

/**
 * `GET /api/live`: the live WebSocket. Refused before the upgrade: no session 401, an Origin
 * other than the dashboard's 403 (browsers always send one; no token ever rides in the URL).
 * Closed (4001) once the session ends: logout or expiry. `?pack=1`: frames packed ({@link LiveQuery}).
 */
export function registerLiveRoute(
  ctx: GatewayContext,
  app: FastifyInstance,
  clients: LiveClients,
  limits: LiveClientLimits,
): void {
  const refuseStrangers = async (request: FastifyRequest): Promise<void> => {
    if (ctx.guards.sessionOf(request) === undefined)
      throw new ApiError('unauthenticated', 'log in first');
    if (!ctx.guards.webSocketOriginAllowed(request))
      throw new ApiError('forbidden', 'the live socket must come from the dashboard origin');
    decodeRequest(LiveQuery, request.query, 'query');
  };
  app.get('/api/live', { websocket: true, preValidation: refuseStrangers }, (socket, request) => {
    const session = ctx.guards.sessionOf(request);
    const { pack } = decodeRequest(LiveQuery, request.query, 'query');
    const client = new LiveClient(
      socket,
      ctx.hub,
      limits,
      (dropped, queuedBytes) =>
        ctx.logger.warn('live client dropped: too slow', {
          user: session?.user,
          queuedBytes,
          channels: dropped.subscriptions.length,
        }),
      () => session !== undefined && sessionOpen(ctx.sessions, session),
      pack === '1',
    );
    clients.add(client);
    socket.on('close', () => clients.delete(client));
  });
}
