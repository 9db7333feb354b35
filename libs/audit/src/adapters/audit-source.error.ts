/** Why an audit could not run (exit code 2): the reason is a short code, the message says more. */
export type AuditSourceReason =
  | 'not-hoga'
  | 'not-migrated'
  | 'no-executor-tables'
  | 'unknown-position'
  | 'bad-scope'
  | 'corrupt-row'
  | 'database';

/** The audit could not read what it needs; nothing was proven either way. */
export class AuditSourceError extends Error {
  override readonly name = 'AuditSourceError';
  constructor(
    readonly reason: AuditSourceReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `error` is an `AuditSourceError`. */
export const isAuditSourceError = (error: unknown): error is AuditSourceError =>
  error instanceof AuditSourceError;
