import {
  isBlocked,
  isDuplicateIdentifier,
  isOutcomeUnknown,
  isRateLimited,
  isUpbitApiError,
} from '@hoga/upbit';
import type { UnknownCause } from './order-events.factory.js';

/** What a failed `POST /v1/orders` means for the order. */
export type SendFailure =
  /** The identifier was used before: the order exists (or was attempted): look it up. */
  | { readonly kind: 'duplicate' }
  /** Refused before Upbit acted (429 after retries, 418): nothing placed, send again later. */
  | { readonly kind: 'refused'; readonly detail: string }
  /** Upbit answered with an error: the order was not placed. */
  | {
      readonly kind: 'rejected';
      readonly name: string;
      readonly message: string;
      readonly status: number;
    }
  /** Anything else: it may or may not exist. */
  | { readonly kind: 'unknown'; readonly cause: UnknownCause; readonly detail: string };

function causeOf(reason: string): UnknownCause {
  if (reason === 'timed out') return 'timeout';
  if (reason.startsWith('HTTP 5')) return 'server-error';
  return 'connection-lost';
}

const describe = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message}` : 'non-error thrown';

/**
 * Classifies a failed POST. Only answers that prove Upbit did not act (a named 4xx error, a
 * 429 or 418 refusal) are final; whatever else happened, including errors we do not know,
 * leaves the outcome unknown so the order is looked up rather than sent again (fail safe).
 */
export function classifySendFailure(error: unknown): SendFailure {
  if (isDuplicateIdentifier(error)) return { kind: 'duplicate' };
  if (isRateLimited(error) || isBlocked(error)) return { kind: 'refused', detail: describe(error) };
  if (isUpbitApiError(error) && error.status >= 400 && error.status < 500)
    return {
      kind: 'rejected',
      name: error.errorName,
      message: error.upbitMessage,
      status: error.status,
    };
  if (isOutcomeUnknown(error))
    return { kind: 'unknown', cause: causeOf(error.reason), detail: error.message };
  return { kind: 'unknown', cause: 'connection-lost', detail: describe(error) };
}
