import type { Headers } from './bus.port.js';
import { BusUsageError } from './bus.errors.js';

// NATS header names: printable ASCII except ':' (the client rejects anything else).
const HEADER_NAME = /^[!-9;-~]+$/;

/**
 * Checks outgoing headers the way NATS does and trims the values (as the NATS client does), so
 * both buses deliver the same headers. Rejects with `BusUsageError` before anything is sent.
 */
export function normalizeHeaders(headers: Headers | undefined): Headers {
  if (headers === undefined) return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name))
      throw new BusUsageError(`invalid header name ${JSON.stringify(name)}`);
    if (/[\r\n]/.test(value)) throw new BusUsageError(`header ${name} holds a line break`);
    out[name] = value.trim();
  }
  return out;
}

/** Headers of an error reply; the names are those of NATS micro services, so their errors read the same. */
export const ErrorReplyHeader = {
  description: 'Nats-Service-Error',
  code: 'Nats-Service-Error-Code',
} as const;
