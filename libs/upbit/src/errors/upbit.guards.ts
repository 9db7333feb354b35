import {
  UpbitApiError,
  UpbitAuthError,
  UpbitBlockedError,
  UpbitDecodeError,
  UpbitDuplicateIdentifierError,
  UpbitError,
  UpbitNetworkError,
  UpbitOrderNotFoundError,
  UpbitOutcomeUnknownError,
  UpbitRateLimitedError,
  UpbitResponseTooLargeError,
} from './upbit.errors.js';

/** Any error raised by the Upbit client. */
export const isUpbitError = (e: unknown): e is UpbitError => e instanceof UpbitError;

/** An Upbit error answer, optionally with a given `name` (`isUpbitApiError(e, 'insufficient_funds_bid')`). */
export const isUpbitApiError = (e: unknown, errorName?: string): e is UpbitApiError =>
  e instanceof UpbitApiError && (errorName === undefined || e.errorName === errorName);

/** 401/403: credentials, IP allow-list, scope, nonce or query hash refused. */
export const isUpbitAuthError = (e: unknown): e is UpbitAuthError => e instanceof UpbitAuthError;

/** 404 `order_not_found`. */
export const isOrderNotFound = (e: unknown): e is UpbitOrderNotFoundError =>
  e instanceof UpbitOrderNotFoundError;

/** `duplicated_identifier`: the order exists (or was attempted): look it up, do not re-send. */
export const isDuplicateIdentifier = (e: unknown): e is UpbitDuplicateIdentifierError =>
  e instanceof UpbitDuplicateIdentifierError;

/** The order may or may not exist: look it up by identifier. */
export const isOutcomeUnknown = (e: unknown): e is UpbitOutcomeUnknownError =>
  e instanceof UpbitOutcomeUnknownError;

/** A side-effect-free request failed on the network or with a 5xx (safe to retry later). */
export const isUpbitNetworkError = (e: unknown): e is UpbitNetworkError =>
  e instanceof UpbitNetworkError;

/** Still 429 after the retries. */
export const isRateLimited = (e: unknown): e is UpbitRateLimitedError =>
  e instanceof UpbitRateLimitedError;

/** 418: the client is blocked until `until`. */
export const isBlocked = (e: unknown): e is UpbitBlockedError => e instanceof UpbitBlockedError;

/** A response or frame failed to decode (or was not JSON). */
export const isUpbitDecodeError = (e: unknown): e is UpbitDecodeError =>
  e instanceof UpbitDecodeError;

/** A response body over the bound. */
export const isResponseTooLarge = (e: unknown): e is UpbitResponseTooLargeError =>
  e instanceof UpbitResponseTooLargeError;
