import * as E from 'fp-ts/lib/Either.js';
import { validationError, type ExchangeError } from '../exchange/exchange-error.js';
import type { OrderBy } from '../exchange/order-queries.js';
import { parseTimeParam } from '../util/time-format.js';
import type { QueryParams } from './query-params.js';

/** An integer parameter within [min, max], or `fallback` when absent. */
export function intParam(
  q: QueryParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): E.Either<ExchangeError, number> {
  const text = q.get(name);
  if (text === undefined || text === '') return E.right(fallback);
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    return E.left(validationError(`${name} must be an integer from ${min} to ${max}`));
  return E.right(n);
}

/** `order_by`: asc or desc (default desc). */
export function orderByParam(q: QueryParams): E.Either<ExchangeError, OrderBy> {
  const v = q.get('order_by') ?? 'desc';
  return v === 'asc' || v === 'desc'
    ? E.right(v)
    : E.left(validationError('order_by must be asc or desc'));
}

/** `state` or `states[]`, each one of `allowed`; all of `allowed` when absent. */
export function statesParam<S extends string>(
  q: QueryParams,
  allowed: readonly S[],
): E.Either<ExchangeError, S[]> {
  const single = q.get('state');
  const values = single !== undefined ? [single] : q.getAll('states');
  if (values.length === 0) return E.right([...allowed]);
  const bad = values.find((v) => !(allowed as readonly string[]).includes(v));
  return bad === undefined
    ? E.right(values as S[])
    : E.left(validationError(`state must be one of ${allowed.join(', ')}`));
}

/**
 * A time parameter (ISO 8601 or epoch ms). With `strictEncoding` (the exchange API), a raw
 * `:` or `+` that was not URL-encoded is rejected as on Upbit; elsewhere a raw `+` simply
 * decodes to a space, which breaks an offset like `+09:00` and so fails the same way.
 */
export function timeParam(
  q: QueryParams,
  name: string,
  strictEncoding: boolean,
): E.Either<ExchangeError, number | undefined> {
  const raw = q.raw(name);
  if (raw === undefined || raw === '') return E.right(undefined);
  if (strictEncoding && /[:+]/.test(raw))
    return E.left(validationError(`${name} must be URL-encoded`));
  const ms = parseTimeParam(q.get(name)!);
  return ms === undefined ? E.left(validationError(`${name} is not a valid time`)) : E.right(ms);
}
