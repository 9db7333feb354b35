/**
 * Typed failures of the Upbit client. Expected infrastructure failures are named `Error`
 * subclasses with a `cause` and a type guard. No message ever contains the secret key, a JWT or
 * the Authorization header: messages carry the method, the path (without query) and Upbit's
 * error `name`/`message` only.
 */
import type { DecodeError, DecodeIssue } from '@hoga/model';

/** An HTTP method the client uses. */
export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** Base class of every error thrown by the Upbit client. */
export abstract class UpbitError extends Error {
  abstract override readonly name: string;
}

/** Upbit answered with an error: branch on {@link UpbitApiError.errorName}, not the status. */
export class UpbitApiError extends UpbitError {
  override readonly name: string = 'UpbitApiError';
  constructor(
    readonly status: number,
    /** Upbit's `error.name` (integers stringified; `no_authorization_i_p` read as `no_authorization_ip`). */
    readonly errorName: string,
    readonly upbitMessage: string,
    readonly method: HttpMethod,
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(`${method} ${path}: ${status} ${errorName}: ${upbitMessage}`, options);
  }
}

/** 401/403: the key, its IP allow-list, scope, nonce or query hash was refused. */
export class UpbitAuthError extends UpbitApiError {
  override readonly name = 'UpbitAuthError';
}

/** 404 `order_not_found`: Upbit has no order with that uuid or identifier. */
export class UpbitOrderNotFoundError extends UpbitApiError {
  override readonly name = 'UpbitOrderNotFoundError';
}

/**
 * 400 `duplicated_identifier`: an order with this identifier exists (or was attempted). It means
 * "exists, look it up" (`GET /v1/order?identifier=`), never "rejected" (reliability #4).
 */
export class UpbitDuplicateIdentifierError extends UpbitApiError {
  override readonly name = 'UpbitDuplicateIdentifierError';
}

/**
 * A request with side effects (POST an order, DELETE an order) got no usable answer: timeout,
 * connection reset, a 5xx, or a 2xx body that could not be read. The order may exist: look it
 * up by identifier before any new attempt (reliability #3).
 */
export class UpbitOutcomeUnknownError extends UpbitError {
  override readonly name = 'UpbitOutcomeUnknownError';
  constructor(
    readonly method: HttpMethod,
    readonly path: string,
    /** The identifier sent with the order, when there was one: look it up. */
    readonly identifier: string | undefined,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(
      `${method} ${path}: outcome unknown (${reason}); look the order up before retrying`,
      options,
    );
  }
}

/** A request without side effects failed on the network (refused, reset, timed out) or with a 5xx. */
export class UpbitNetworkError extends UpbitError {
  override readonly name = 'UpbitNetworkError';
  constructor(
    readonly method: HttpMethod,
    readonly path: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${method} ${path}: ${reason}`, options);
  }
}

/** Still answered 429 after the configured retries. */
export class UpbitRateLimitedError extends UpbitError {
  override readonly name = 'UpbitRateLimitedError';
  constructor(
    readonly group: string,
    readonly method: HttpMethod,
    readonly path: string,
    readonly attempts: number,
  ) {
    super(`${method} ${path}: rate limited (group ${group}) after ${attempts} attempts`);
  }
}

/** Upbit blocked this client (418) until `until`; every request waits for the block to end. */
export class UpbitBlockedError extends UpbitError {
  override readonly name = 'UpbitBlockedError';
  constructor(
    readonly until: Date,
    readonly method: HttpMethod,
    readonly path: string,
  ) {
    super(`${method} ${path}: blocked by Upbit (418) until ${until.toISOString()}`);
  }
}

/** A response (or WebSocket frame) failed to decode; carries readable paths, never values. */
export class UpbitDecodeError extends UpbitError {
  override readonly name = 'UpbitDecodeError';
  readonly issues: readonly DecodeIssue[];
  constructor(
    readonly source: string,
    cause: DecodeError | SyntaxError,
  ) {
    super(`${source}: ${cause.name === 'SyntaxError' ? 'malformed JSON' : cause.message}`, {
      cause,
    });
    this.issues = 'issues' in cause ? cause.issues : [];
  }
}

/** A response body over the configured bound (default 5 MiB). */
export class UpbitResponseTooLargeError extends UpbitError {
  override readonly name = 'UpbitResponseTooLargeError';
  constructor(
    readonly method: HttpMethod,
    readonly path: string,
    readonly limitBytes: number,
  ) {
    super(`${method} ${path}: response body larger than ${limitBytes} bytes`);
  }
}
