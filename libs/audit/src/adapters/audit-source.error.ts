/** Why an audit could not run (exit code 2): the reason is a short code, the message says more. */
export type AuditSourceReason =
  | 'not-hoga'
  | 'not-migrated'
  | 'no-executor-tables'
  | 'unknown-position'
  | 'bad-scope'
  | 'corrupt-row'
  | 'database'
  /** `--exchange`: the exchange refused the keys (or they lack the order-read scope). */
  | 'exchange-refused'
  /** `--exchange`: the exchange could not be reached or answered what the audit cannot read. */
  | 'exchange-unreachable'
  /** `--exchange`: no exchange and keys to compare with (none configured, no paper engine). */
  | 'no-exchange';

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
