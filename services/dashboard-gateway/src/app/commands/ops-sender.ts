import * as E from 'fp-ts/lib/Either.js';
import {
  isBusNoRespondersError,
  isBusTimeoutError,
  opsRequest,
  requestOps,
  type Bus,
  type Headers,
} from '@hoga/bus';
import { opsEndpoint, type OpsErrorCode } from '@hoga/contracts';
import { capText } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import type { ApiErrorCode } from '../../adapters/http/api-error.js';

/** The services the gateway commands, and their command verbs. */
export type CommandTarget =
  | { readonly service: 'position-actor'; readonly verb: 'run' | PositionVerb }
  | { readonly service: 'risk-guard'; readonly verb: RiskVerb };
export type PositionVerb = 'close' | 'pause' | 'resume' | 'retry-close' | 'dismiss';
export type RiskVerb = 'halt' | 'reduce' | 'resume' | 'arm' | 'disarm';

/** What a service said to a command (or that none said anything). */
export type SendOutcome =
  | { readonly kind: 'accepted'; readonly reply: Readonly<Record<string, unknown>> }
  | {
      readonly kind: 'denied';
      readonly code: ApiErrorCode;
      readonly message: string;
      /** False when it says nothing about the effect (nobody answered, in time or at all). */
      readonly final: boolean;
    };

/** The gateway's code for each failure code of the ops endpoints. */
const CODE: Readonly<Record<OpsErrorCode, ApiErrorCode>> = {
  'bad-request': 'bad-request',
  'not-found': 'not-found',
  conflict: 'conflict',
  denied: 'denied',
  unavailable: 'unavailable',
  internal: 'internal',
};

const denied = (code: ApiErrorCode, message: string, final: boolean): SendOutcome => ({
  kind: 'denied',
  code,
  message: capText(message, 1000),
  final,
});

/**
 * Sends a command to its ops endpoint (`hoga.ops.<service>.<verb>`) in a fresh request envelope,
 * with `headers` (the trace context) on the bus message, and reads the answer: the reply's data
 * (encoded: decimals as strings) or the typed refusal. Nobody answering is `unavailable`.
 */
export async function sendCommand(
  bus: Bus,
  target: CommandTarget,
  data: Readonly<Record<string, unknown>>,
  options: { readonly headers: Headers; readonly timeoutMs: number; readonly logger: Logger },
): Promise<SendOutcome> {
  const { service, verb } = target;
  const request = opsRequest(service, verb as never, data);
  if (E.isLeft(request)) return denied('bad-request', request.left.message, true);
  let reply: unknown;
  try {
    reply = await requestOps<typeof service, never>(bus, service, verb as never, request.right, {
      headers: options.headers,
      timeoutMs: options.timeoutMs,
    });
  } catch (error) {
    if (isBusNoRespondersError(error))
      return denied(
        'unavailable',
        `${service} is not running (no responders): nothing was sent`,
        false,
      );
    if (isBusTimeoutError(error))
      return denied(
        'unavailable',
        `${service} did not answer within ${options.timeoutMs / 1000} s: the command may still take effect; retry with the same command id`,
        false,
      );
    options.logger.warn('command: ops request failed', { service, verb, error });
    return denied('unavailable', `${service} ${verb} failed: ${(error as Error).message}`, false);
  }
  // The reply was decoded by the endpoint's codec: encoding it gives its JSON (decimals as text).
  const encoded = opsEndpoint(service, verb as never).reply.encode(reply) as Readonly<
    Record<string, unknown>
  >;
  if (encoded['ok'] !== true) {
    const { code, message } = encoded['error'] as { code: OpsErrorCode; message: string };
    const mapped = CODE[code];
    return denied(mapped, message, mapped !== 'unavailable' && mapped !== 'internal');
  }
  const { ok: _ok, ...rest } = encoded;
  return { kind: 'accepted', reply: rest };
}
