import { OpsErrorCode, opsFailure, type OpsFailure } from '@hoga/contracts';
import type { BusLogger } from '../bus-logger.js';
import { messageOf } from '../bus.errors.js';

const MAX_MESSAGE = 1000;

/** An expected refusal thrown by an ops handler: answered as `{ ok: false, error: { code } }`. */
export class OpsError extends Error {
  override readonly name = 'OpsError';
  constructor(
    readonly code: OpsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
export const isOpsError = (e: unknown): e is OpsError => e instanceof OpsError;

/** A failed reply whose message fits the contract (at most 1000 characters, never empty). */
export const boundedFailure = (code: OpsErrorCode, message: string): OpsFailure =>
  opsFailure(code, (message || code).slice(0, MAX_MESSAGE));

/**
 * The reply to a thrown error. An error carrying a valid ops `code` (an {@link OpsError}, or a
 * domain error with such a code) is answered with its code and message; anything else is a bug:
 * logged here and answered `internal` without its message, which may hold a stack or a secret.
 */
export function failureOf(
  error: unknown,
  where: { readonly service: string; readonly verb: string },
  logger: BusLogger,
): OpsFailure {
  const code =
    error !== null && typeof error === 'object' && 'code' in error ? error.code : undefined;
  if (OpsErrorCode.is(code) && code !== 'internal' && error instanceof Error)
    return boundedFailure(code, error.message);
  logger.warn('ops: handler failed', { ...where, error: messageOf(error) });
  return boundedFailure('internal', `${where.service} failed to ${where.verb}: see its logs`);
}
