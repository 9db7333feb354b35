import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as E from 'fp-ts/lib/Either.js';
import type { WebSocketServer } from 'ws';
import type { Faults } from '../http/faults.js';
import type { KeyAccess } from '../http/key-access.js';
import type { Traffic } from '../http/traffic.js';
import type { RateLimiter } from '../http/rate-limiter.js';
import { authenticate } from '../http/rest-auth.js';
import type { World } from '../world.js';
import type { StreamHub } from './stream-hub.js';
import { WsSession, type SessionOptions } from './ws-session.js';

/** What accepting WebSocket connections needs. */
export interface UpgradeDeps {
  readonly wss: WebSocketServer;
  readonly hub: StreamHub;
  world(): World;
  readonly limiter: RateLimiter;
  readonly faults: Faults;
  readonly keys: KeyAccess;
  readonly traffic: Traffic;
  readonly session: SessionOptions;
}

function refuse(socket: Duplex, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
  );
}

/**
 * Accepts upgrades on `/websocket/v1` (public) and `/websocket/v1/private` (JWT with
 * `access_key` + `nonce` in the Authorization header; refused with 401 and the REST error
 * names otherwise, also for a key revoked or expired at run time). 503 while the `refuseWebSockets` fault is on; 429 over the connect limit.
 */
export function upgradeHandler(deps: UpgradeDeps) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (req.url ?? '/').split('?')[0];
    const kind =
      path === '/websocket/v1'
        ? 'public'
        : path === '/websocket/v1/private'
          ? 'private'
          : undefined;
    if (!kind)
      return refuse(socket, 404, {
        error: { name: 'not_found', message: `no WebSocket at ${path}` },
      });
    const refusing = (status: number, body: unknown): void => {
      deps.traffic.handshake(kind, true);
      refuse(socket, status, body);
    };
    if (deps.faults.settings.refuseWebSockets)
      return refusing(503, {
        error: { name: 'unavailable', message: 'fault: WebSockets refused' },
      });
    const ip = req.socket.remoteAddress ?? 'unknown';
    if (deps.limiter.check('websocket-connect', `ip:${ip}`).kind !== 'ok') {
      return refusing(429, {
        error: { name: 'too_many_requests', message: 'Too many connection requests.' },
      });
    }
    let accessKey: string | undefined;
    if (kind === 'private') {
      const world = deps.world();
      const auth = authenticate(
        { header: req.headers.authorization, hashInput: undefined, ip, now: world.clock.now() },
        (k) => world.exchange.account(k),
      );
      const refusal = E.isLeft(auth)
        ? auth.left
        : deps.keys.refusal(auth.right.accessKey, undefined);
      if (refusal)
        return refusing(refusal.status, {
          error: { name: refusal.name, message: refusal.message },
        });
      if (E.isRight(auth)) accessKey = auth.right.accessKey;
    }
    deps.traffic.handshake(kind, false);
    deps.wss.handleUpgrade(req, socket, head, (ws) =>
      deps.hub.attach(new WsSession(ws, kind, accessKey, deps.session)),
    );
  };
}
