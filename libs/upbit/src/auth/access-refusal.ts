import { UpbitAuthError, type HttpMethod } from '../errors/upbit.errors.js';
import { UpbitWsHandshakeError, UpbitWsServerError } from '../errors/ws.errors.js';

/**
 * What a refusal says about the account's access: the key itself does not work any more
 * (`credentials`: expired, revoked, unknown, IP not on the allow-list, signature refused), or it
 * works but may not place orders (`order-permission`: 403 `out_of_scope` on an order endpoint).
 */
export type AccessProblem = 'credentials' | 'order-permission';

/** A refusal that means lost access, with what Upbit said (never the key or the token). */
export interface AccessRefusal {
  readonly problem: AccessProblem;
  readonly status: number;
  /** Upbit's error name: `expired_access_key`, `no_authorization_ip`, `out_of_scope`, `INVALID_AUTH`. */
  readonly errorName: string;
  /** Where it was refused: `POST /v1/orders`, `GET /v1/accounts`, `private WebSocket`. */
  readonly where: string;
}

/**
 * 401 names that concern one request, not the key: a reused nonce or a query hash that does not
 * match (a signing bug or a race), so the next request is expected to pass.
 */
const REQUEST_SCOPED = new Set(['nonce_used', 'invalid_query_payload']);

const ORDER_PATHS = new Set(['/v1/orders', '/v1/orders/test', '/v1/order']);

function fromRest(method: HttpMethod, path: string, status: number, name: string): AccessRefusal {
  const orderWrite = method !== 'GET' && ORDER_PATHS.has(path);
  const problem = status === 403 && name === 'out_of_scope' && orderWrite;
  return {
    problem: problem ? 'order-permission' : 'credentials',
    status,
    errorName: name,
    where: `${method} ${path}`,
  };
}

/**
 * Reads an error of the Upbit client as lost access, or undefined when it is anything else
 * (network, 429/418, a 400, a request-scoped 401 such as `nonce_used`). REST: every 401/403
 * except the request-scoped ones; `out_of_scope` on an order write (place, test, cancel) is a
 * missing order permission, any other refusal a dead key. WebSocket: an upgrade refused with
 * 401/403, or an `INVALID_AUTH` error frame, is a dead key.
 */
export function accessRefusalOf(error: unknown): AccessRefusal | undefined {
  if (error instanceof UpbitAuthError) {
    if (REQUEST_SCOPED.has(error.errorName)) return undefined;
    return fromRest(error.method, error.path, error.status, error.errorName);
  }
  if (error instanceof UpbitWsHandshakeError && (error.status === 401 || error.status === 403)) {
    if (REQUEST_SCOPED.has(error.errorName)) return undefined;
    return {
      problem: 'credentials',
      status: error.status,
      errorName: error.errorName,
      where: 'private WebSocket',
    };
  }
  if (error instanceof UpbitWsServerError && error.errorName === 'INVALID_AUTH')
    return {
      problem: 'credentials',
      status: 401,
      errorName: 'INVALID_AUTH',
      where: 'private WebSocket',
    };
  return undefined;
}
