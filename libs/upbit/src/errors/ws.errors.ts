import { UpbitError } from './upbit.errors.js';

/** Upbit sent an error frame (`INVALID_AUTH`, `WRONG_FORMAT`, `NO_TICKET`, `NO_TYPE`, `NO_CODES`, `INVALID_PARAM`). */
export class UpbitWsServerError extends UpbitError {
  override readonly name = 'UpbitWsServerError';
  constructor(
    readonly errorName: string,
    readonly upbitMessage: string,
  ) {
    super(`WebSocket error ${errorName}: ${upbitMessage}`);
  }
}

/** No frame (and no pong) arrived within the stall deadline: the socket is dropped and reopened. */
export class UpbitWsStallError extends UpbitError {
  override readonly name = 'UpbitWsStallError';
  constructor(readonly silentMs: number) {
    super(`WebSocket silent for ${silentMs} ms: reconnecting`);
  }
}

/** The socket could not be opened or failed (refused, handshake rejected, reset). */
export class UpbitWsConnectionError extends UpbitError {
  override readonly name = 'UpbitWsConnectionError';
  constructor(reason: string, options?: ErrorOptions) {
    super(`WebSocket: ${reason}`, options);
  }
}

/**
 * The server refused the WebSocket upgrade with an HTTP answer (the private socket with a dead
 * key answers 401 and Upbit's error name, e.g. `INVALID_AUTH`, `expired_access_key`).
 */
export class UpbitWsHandshakeError extends UpbitError {
  override readonly name = 'UpbitWsHandshakeError';
  constructor(
    readonly status: number,
    /** Upbit's `error.name` from the refusal body, or `http_<status>`. */
    readonly errorName: string,
    readonly upbitMessage: string,
  ) {
    super(`WebSocket handshake refused: ${status} ${errorName}: ${upbitMessage}`);
  }
}
