import {
  createTraceparent,
  parseTraceparent,
  TRACEPARENT,
  TRACESTATE,
  type Headers,
} from '@hoga/bus';
import type { FastifyRequest } from 'fastify';

/** The longest `tracestate` passed on (W3C: 32 members of at most 256 characters; 512 is plenty). */
const MAX_TRACESTATE = 512;

/** The bus headers of a command and the trace it travels in. */
export interface CommandTrace {
  readonly headers: Headers;
  readonly traceId: string;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The trace context of a command request: the page's `traceparent` continued under a new span
 * (its `tracestate` passed on when printable and short), or a new trace when it sent none or an
 * invalid one.
 */
export function commandTrace(request: FastifyRequest): CommandTrace {
  const parent = parseTraceparent(header(request, TRACEPARENT) ?? '');
  const traceparent = createTraceparent(parent === undefined ? {} : { parent });
  const state = header(request, TRACESTATE);
  const keepState =
    parent !== undefined &&
    state !== undefined &&
    state.trim() !== '' &&
    state.length <= MAX_TRACESTATE &&
    /^[\x20-\x7e]*$/.test(state);
  return {
    headers: keepState
      ? { [TRACEPARENT]: traceparent, [TRACESTATE]: state }
      : { [TRACEPARENT]: traceparent },
    traceId: traceparent.split('-')[1] ?? '',
  };
}
