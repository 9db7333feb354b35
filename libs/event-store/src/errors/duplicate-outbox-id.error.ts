/** An append carried an outbox id that is already in the outbox (or twice in the append). */
export class DuplicateOutboxIdError extends Error {
  override readonly name = 'DuplicateOutboxIdError';

  constructor(
    readonly streamId: string,
    readonly outboxIds: readonly string[],
    options?: ErrorOptions,
  ) {
    super(`stream "${streamId}": outbox id already used (one of ${outboxIds.join(', ')})`, options);
  }
}

/** True when `error` is a `DuplicateOutboxIdError`. */
export const isDuplicateOutboxIdError = (error: unknown): error is DuplicateOutboxIdError =>
  error instanceof DuplicateOutboxIdError;
