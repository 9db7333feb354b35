import { findOpsEndpoint } from '@hoga/contracts';
import { decodeWith } from '@hoga/model';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { BusLogger } from '../bus-logger.js';
import { boundedFailure, failureOf } from './ops-error.js';
import type { OpsMeta } from './ops-handlers.js';

/** A handler with the types erased: the request has been decoded by the endpoint's codec. */
export type ErasedOpsHandler = (request: unknown, meta: OpsMeta) => Promise<unknown>;

/** One endpoint being answered. */
export interface OpsTarget {
  readonly service: string;
  readonly verb: string;
  readonly handler: ErasedOpsHandler;
  readonly logger: BusLogger;
}

/**
 * Answers one request given as parsed JSON, the same way on every bus: decodes it with the
 * endpoint's request codec (a failure is a `bad-request` reply naming the offending paths, and
 * the handler is not called), runs the handler, and returns the reply encoded by the endpoint's
 * reply codec. Never throws: every failure is an `{ ok: false, error }` reply.
 */
export async function answerOps(target: OpsTarget, json: unknown, meta: OpsMeta): Promise<unknown> {
  const { service, verb, logger } = target;
  const endpoint = findOpsEndpoint(service, verb);
  if (endpoint === undefined) return boundedFailure('not-found', `no endpoint ${service}.${verb}`);
  const request = decodeWith(endpoint.request, json);
  if (E.isLeft(request)) return boundedFailure('bad-request', request.left.message);
  let answer: unknown;
  try {
    answer = await target.handler(request.right, meta);
  } catch (error) {
    return endpoint.reply.encode(failureOf(error, { service, verb }, logger));
  }
  return encodeReply(endpoint.reply, answer, target);
}

/** Encodes a reply, proving the JSON decodes back; an answer that does not is a bug. */
function encodeReply(codec: t.Mixed, answer: unknown, target: OpsTarget): unknown {
  const where = { service: target.service, verb: target.verb };
  try {
    const encoded: unknown = codec.encode(answer);
    const text = JSON.stringify(encoded);
    if (typeof text === 'string' && E.isRight(decodeWith(codec, JSON.parse(text)))) return encoded;
    return failureOf(new Error(`the reply does not satisfy ${codec.name}`), where, target.logger);
  } catch (error) {
    return failureOf(error, where, target.logger);
  }
}
