/** A stored row does not have the shape the store writes (edited by hand, or another writer). */
export class CorruptRowError extends Error {
  override readonly name = 'CorruptRowError';

  constructor(
    readonly table: string,
    readonly key: string,
    readonly problems: readonly string[],
  ) {
    super(`${table} row ${key} is corrupt: ${problems.join('; ')}`);
  }
}

/** True when `error` is a `CorruptRowError`. */
export const isCorruptRowError = (error: unknown): error is CorruptRowError =>
  error instanceof CorruptRowError;
