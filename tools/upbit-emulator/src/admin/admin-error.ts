/** An operator request that cannot be carried out (unknown market or account, bad value). */
export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/** Type guard for {@link AdminError}. */
export const isAdminError = (e: unknown): e is AdminError => e instanceof AdminError;
