/**
 * Typed delivery failures. Messages name the method and the HTTP status only: never a URL,
 * a token or a secret (the Telegram token is part of the request path).
 */

/** Base of every failure to deliver an alert; `retryAfterMs` is the earliest sensible retry. */
export class NotifyDeliveryError extends Error {
  override readonly name: string = 'NotifyDeliveryError';
  /** Milliseconds to wait before the next attempt, when the far side said so. */
  readonly retryAfterMs: number | undefined = undefined;
}

/** Telegram answered 429: wait `retryAfterMs` (from `parameters.retry_after`) before retrying. */
export class TelegramRateLimitedError extends NotifyDeliveryError {
  override readonly name = 'TelegramRateLimitedError';
  override readonly retryAfterMs: number;
  constructor(method: string, retryAfterMs: number) {
    super(`telegram ${method} rate limited (429), retry after ${retryAfterMs} ms`);
    this.retryAfterMs = retryAfterMs;
  }
}

/** Telegram refused the request (4xx other than 429): `description` is Telegram's reason. */
export class TelegramRejectedError extends NotifyDeliveryError {
  override readonly name = 'TelegramRejectedError';
  constructor(
    readonly method: string,
    readonly status: number,
    readonly description: string,
  ) {
    super(`telegram ${method} rejected (${status}): ${description}`);
  }
}

/** Telegram could not be reached, timed out, failed (5xx) or answered something undecodable. */
export class TelegramUnavailableError extends NotifyDeliveryError {
  override readonly name = 'TelegramUnavailableError';
  constructor(
    readonly method: string,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(`telegram ${method} unavailable${status === undefined ? '' : ` (${status})`}: ${detail}`);
  }
}

/** A chat id that is not in the configuration: nothing was sent. */
export class TelegramChatNotAllowedError extends NotifyDeliveryError {
  override readonly name = 'TelegramChatNotAllowedError';
  constructor(readonly chatId: string) {
    super(`telegram chat ${chatId} is not configured; message not sent`);
  }
}

/** The webhook failed: unreachable, timed out, or a non-2xx status. */
export class WebhookDeliveryError extends NotifyDeliveryError {
  override readonly name = 'WebhookDeliveryError';
  constructor(
    readonly status: number | undefined,
    detail: string,
  ) {
    super(`webhook POST failed${status === undefined ? '' : ` (${status})`}: ${detail}`);
  }
}

/** True for any alert delivery failure. */
export const isNotifyDeliveryError = (e: unknown): e is NotifyDeliveryError =>
  e instanceof NotifyDeliveryError;

/**
 * A short, secret-free description of a fetch failure: the error name and the socket code
 * (`ECONNREFUSED`), never the message of the cause, which may quote the URL.
 */
export function describeFetchFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'request failed';
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return error.name;
  const cause: unknown = error.cause;
  const code =
    cause instanceof Error && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : undefined;
  return code ?? error.name;
}
