import { opsEndpoint, subjects, type OpsService, type OpsVerb } from '@hoga/contracts';
import { decodeWith, type DecodeError } from '@hoga/model';
import type * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { RpcRoute } from '@hoga/contracts';
import { randomUUID } from 'node:crypto';
import type { Bus, RequestOptions } from '../bus.port.js';
import type { OpsReplyOf as OpsReply, OpsRequestOf as OpsRequest } from './ops-types.js';

/**
 * Wraps `data` in a fresh request envelope for an endpoint (new id, `type` from the catalog, now,
 * no causation, correlation = id) and decodes it with the endpoint's request codec: untyped
 * input (CLI arguments, HTTP bodies) gets a {@link DecodeError} with readable paths.
 */
export function opsRequest<S extends OpsService, V extends OpsVerb<S>>(
  service: S,
  verb: V,
  data: unknown,
  now: Date = new Date(),
): E.Either<DecodeError, OpsRequest<S, V>> {
  const codec = opsEndpoint(service, verb).request;
  const id = randomUUID();
  return decodeWith(codec as t.Type<OpsRequest<S, V>, unknown, unknown>, {
    id,
    // Every request codec is `envelope(type, ...)`, whose io-ts name is its `type`.
    type: codec.name,
    occurredAt: now.toISOString(),
    causationId: null,
    correlationId: id,
    data,
  });
}

/**
 * Calls an operator endpoint and returns its decoded reply (`{ ok: true, ... }` or
 * `{ ok: false, error }`). Rejects like `bus.request`: `BusNoRespondersError` when the service
 * is not running, `BusTimeoutError`, `BusDecodeError`.
 */
export function requestOps<S extends OpsService, V extends OpsVerb<S>>(
  bus: Bus,
  service: S,
  verb: V,
  request: OpsRequest<S, V>,
  options?: RequestOptions,
): Promise<OpsReply<S, V>> {
  const route = subjects.ops(service, verb) as RpcRoute<OpsRequest<S, V>, OpsReply<S, V>>;
  return bus.request(route, request, options);
}
