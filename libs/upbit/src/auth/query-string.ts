import { createHash } from 'node:crypto';
import type { Decimal } from '@hoga/model';

/** A scalar request parameter: written with `String(value)` (a Decimal prints plain, no exponent). */
export type ParamScalar = string | number | boolean | Decimal;
/** A parameter value: a scalar, or an array sent as repeated `key[]=value` pairs. */
export type ParamValue = ParamScalar | readonly ParamScalar[];
/**
 * Request parameters in the order they are sent (object insertion order). `undefined` and `null`
 * values and empty arrays are left out. Array keys are given without brackets (`states`); the
 * brackets are added (`states[]`).
 */
export type Params = Readonly<Record<string, ParamValue | undefined | null>>;

/** One `key=value` pair, both un-encoded; array keys already carry their `[]`. */
export interface ParamPair {
  readonly key: string;
  readonly value: string;
}

/** Flattens parameters into pairs in sent order, expanding arrays into `key[]` repeats. */
export function toPairs(params: Params | undefined): ParamPair[] {
  const pairs: ParamPair[] = [];
  if (params === undefined) return pairs;
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (isArray(value)) {
      const key = name.endsWith('[]') ? name : `${name}[]`;
      for (const item of value) pairs.push({ key, value: String(item) });
    } else {
      pairs.push({ key: name, value: String(value) });
    }
  }
  return pairs;
}

const isArray = (v: ParamValue): v is readonly ParamScalar[] => Array.isArray(v);

/**
 * The string Upbit hashes into `query_hash`: pairs joined as `k=v&k[]=v` **without**
 * URL-encoding, in sent order. For POST it is built from the JSON body's pairs in body order.
 */
export const hashInput = (pairs: readonly ParamPair[]): string =>
  pairs.map((p) => `${p.key}=${p.value}`).join('&');

/**
 * The query string as sent on the wire: values URL-encoded (a raw `:` or `+` in a time gives
 * 400), key names encoded except the `[]` of array names, which Upbit expects literally.
 */
export const wireQuery = (pairs: readonly ParamPair[]): string =>
  pairs.map((p) => `${encodeKey(p.key)}=${encodeURIComponent(p.value)}`).join('&');

function encodeKey(key: string): string {
  return key.endsWith('[]') ? `${encodeURIComponent(key.slice(0, -2))}[]` : encodeURIComponent(key);
}

/** Lowercase hex SHA-512 of a hash input (`query_hash`). */
export const sha512Hex = (input: string): string =>
  createHash('sha512').update(input, 'utf8').digest('hex');

/**
 * The JSON body of a POST: each pair as a string value, arrays as JSON arrays, in the same order
 * as {@link hashInput} sees them, so the hashed string and the body always agree.
 */
export function toJsonBody(pairs: readonly ParamPair[]): string {
  const body: Record<string, string | string[]> = {};
  for (const { key, value } of pairs) {
    if (key.endsWith('[]')) {
      const name = key.slice(0, -2);
      const list = body[name];
      if (Array.isArray(list)) list.push(value);
      else body[name] = [value];
    } else {
      body[key] = value;
    }
  }
  return JSON.stringify(body);
}
