import type { AccessRefusal } from '@hoga/upbit';
import type { CallKind } from '../../domain/exchange-access.js';

/** Who keeps the account's access: told of every answer, asked before every call. */
export interface AccessGuard {
  blocks(kind: CallKind): boolean;
  refused(refusal: AccessRefusal): void;
  accepted(kind: CallKind): void;
}

/**
 * A call was not sent because Upbit refuses access (the key, or the order permission for an
 * order write): nothing reached Upbit, so nothing was placed or cancelled.
 */
export class ExchangeAccessLostError extends Error {
  override readonly name = 'ExchangeAccessLostError';
  constructor(readonly kind: CallKind) {
    super(
      `not sent: Upbit access is lost (${kind === 'read' ? 'the API key is refused' : 'no order permission'})`,
    );
  }
}

/** True for {@link ExchangeAccessLostError}. */
export const isAccessLost = (e: unknown): e is ExchangeAccessLostError =>
  e instanceof ExchangeAccessLostError;
