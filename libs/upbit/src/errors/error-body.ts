import * as t from 'io-ts';
import {
  UpbitApiError,
  UpbitAuthError,
  UpbitDuplicateIdentifierError,
  UpbitOrderNotFoundError,
  type HttpMethod,
} from './upbit.errors.js';

/** Upbit's error body `{"error":{"name":..., "message":...}}`; quotation errors may use an integer name. */
const ErrorBodyC = t.type({
  error: t.type({
    name: t.union([t.string, t.number]),
    message: t.union([t.string, t.null, t.undefined]),
  }),
});

/** Older spellings Upbit is known to send, read as the current ones. */
const SPELLINGS: Readonly<Record<string, string>> = { no_authorization_i_p: 'no_authorization_ip' };

const MAX_MESSAGE = 200;

/** Upbit's error `name` and `message` from a body; for a non-JSON body, `http_<status>` and a short excerpt. */
export function readErrorBody(status: number, text: string): { name: string; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { name: `http_${status}`, message: excerpt(text) };
  }
  if (!ErrorBodyC.is(json)) return { name: `http_${status}`, message: excerpt(text) };
  const raw = String(json.error.name);
  return { name: SPELLINGS[raw] ?? raw, message: excerpt(json.error.message ?? '') };
}

const excerpt = (text: string): string =>
  text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;

/** The typed error for an Upbit error answer: by `name` first, then by status. */
export function toApiError(
  status: number,
  text: string,
  method: HttpMethod,
  path: string,
): UpbitApiError {
  const { name, message } = readErrorBody(status, text);
  if (name === 'duplicated_identifier')
    return new UpbitDuplicateIdentifierError(status, name, message, method, path);
  if (name === 'order_not_found')
    return new UpbitOrderNotFoundError(status, name, message, method, path);
  if (status === 401 || status === 403)
    return new UpbitAuthError(status, name, message, method, path);
  return new UpbitApiError(status, name, message, method, path);
}
