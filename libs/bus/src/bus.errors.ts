import { capText } from '@hoga/model';
/**
 * Expected failures of the bus, as named `Error` subclasses with a `cause` and a type guard.
 * Anything else escaping the bus is a bug.
 */

/** The base of every bus failure. */
export abstract class BusError extends Error {
  abstract override readonly name: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An outgoing message does not satisfy its route's codec: nothing was sent. */
export class BusEncodeError extends BusError {
  override readonly name = 'BusEncodeError';
  constructor(
    readonly subject: string,
    options: { cause: unknown },
  ) {
    super(
      `refusing to send an invalid message on ${subject}: ${messageOf(options.cause)}`,
      options,
    );
  }
}

/** A received payload does not decode with its route's codec. */
export class BusDecodeError extends BusError {
  override readonly name = 'BusDecodeError';
  constructor(
    readonly subject: string,
    options: { cause: unknown },
  ) {
    super(`undecodable message on ${subject}: ${messageOf(options.cause)}`, options);
  }
}

/** A request got no reply in time (or the server did not answer an operation in time). */
export class BusTimeoutError extends BusError {
  override readonly name = 'BusTimeoutError';
  constructor(
    readonly subject: string,
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(`no reply on ${subject} within ${timeoutMs} ms`, options);
  }
}

/** Nobody listens on the request subject. */
export class BusNoRespondersError extends BusError {
  override readonly name = 'BusNoRespondersError';
  constructor(
    readonly subject: string,
    options?: { cause?: unknown },
  ) {
    super(`no responders on ${subject}`, options);
  }
}

/** The responder failed: its error code and message, sent back as an error reply. */
export class BusRequestError extends BusError {
  override readonly name = 'BusRequestError';
  constructor(
    readonly subject: string,
    readonly code: string,
    readonly description: string,
  ) {
    super(`request on ${subject} failed: ${code}: ${description}`);
  }
}

/** The bus cannot use what it was given: a malformed subject, name, key, header or route. */
export class BusUsageError extends BusError {
  override readonly name = 'BusUsageError';
}

/** The bus was closed. */
export class BusClosedError extends BusError {
  override readonly name = 'BusClosedError';
  constructor() {
    super('the bus is closed');
  }
}

/** The server or the connection failed an operation. */
export class BusTransportError extends BusError {
  override readonly name = 'BusTransportError';
}

export const isBusError = (e: unknown): e is BusError => e instanceof BusError;
export const isBusEncodeError = (e: unknown): e is BusEncodeError => e instanceof BusEncodeError;
export const isBusDecodeError = (e: unknown): e is BusDecodeError => e instanceof BusDecodeError;
export const isBusTimeoutError = (e: unknown): e is BusTimeoutError => e instanceof BusTimeoutError;
export const isBusNoRespondersError = (e: unknown): e is BusNoRespondersError =>
  e instanceof BusNoRespondersError;
export const isBusRequestError = (e: unknown): e is BusRequestError => e instanceof BusRequestError;
export const isBusUsageError = (e: unknown): e is BusUsageError => e instanceof BusUsageError;
export const isBusClosedError = (e: unknown): e is BusClosedError => e instanceof BusClosedError;
export const isBusTransportError = (e: unknown): e is BusTransportError =>
  e instanceof BusTransportError;

/** The message of anything thrown, on one line. */
export function messageOf(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return capText(text.replace(/[\r\n]+/g, ' '));
}
