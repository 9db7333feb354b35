/**
 * A message the page keeps (a receipt's error, a form's problem) as a dictionary key and its
 * parameters, never as translated text: it is translated when shown, so switching the language
 * re-renders every message already on the page.
 */
import type { t } from './i18n.js';

/** A key of the Korean dictionary (`detail.confirm`, `errors.network`). */
export type MessageKey = Parameters<typeof t>[0];

export interface Message {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string>>;
}

/** The message of `key` with `params` (each a string: numbers are formatted before). */
export const message = (key: MessageKey, params?: Record<string, string>): Message =>
  params === undefined ? { key } : { key, params };

const API_CODES = [
  'bad-request',
  'unauthenticated',
  'forbidden',
  'csrf',
  'not-found',
  'conflict',
  'denied',
  'too-many-requests',
  'payload-too-large',
  'unavailable',
  'internal',
] as const;
type ApiCode = (typeof API_CODES)[number];
const isApiCode = (u: unknown): u is ApiCode => API_CODES.includes(u as ApiCode);

/**
 * The gateway's refusal `{ code, message }` (or an HTTP status without a body) as a message: the
 * code translated, the service's own words (`detail`) kept as they came — they are data.
 */
export function apiErrorMessage(error: unknown, status?: number): Message {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const detail = typeof e['message'] === 'string' ? e['message'] : '';
  if (isApiCode(e['code'])) return message(`errors.api.${e['code']}`, { detail });
  return message('errors.http', { status: status === undefined ? '?' : String(status), detail });
}
