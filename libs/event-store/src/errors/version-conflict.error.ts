import type { ExpectedVersion } from '../event-store.port.js';

/** An append's expected version did not match the stream's version: reload, re-decide, retry. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's version when the append was refused (0: the stream does not exist). */
    readonly actual: number,
    options?: ErrorOptions,
  ) {
    super(`stream "${streamId}": expected version ${String(expected)}, actual ${actual}`, options);
  }
}

/** True when `error` is a `VersionConflictError`. */
export const isVersionConflictError = (error: unknown): error is VersionConflictError =>
  error instanceof VersionConflictError;
