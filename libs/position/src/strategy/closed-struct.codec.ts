import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { suggestKey } from './suggest-key.js';

type Props = Readonly<Record<string, t.Mixed>>;
/** The decoded shape of a closed struct: required and optional fields. */
export type StructOf<R extends Props, O extends Props> = {
  readonly [K in keyof R]: t.TypeOf<R[K]>;
} & { readonly [K in keyof O]?: t.TypeOf<O[K]> };
/** The encoded (JSON) shape of a closed struct. */
export type StructOutputOf<R extends Props, O extends Props> = {
  [K in keyof R]: t.OutputOf<R[K]>;
} & { [K in keyof O]?: t.OutputOf<O[K]> };

/** A rule violation found after every field decoded: the key ('' = the object) and why. */
export type RuleViolation = readonly [key: string, reason: string];

export interface StructOptions<A> {
  /** A better reason for an unknown key than the default ("rsi takes no band"). */
  readonly unknownKey?: (key: string) => string | undefined;
  /** Cross-field rules, checked once every field decoded. */
  readonly rules?: (value: A) => readonly RuleViolation[];
}

export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/** A failure at `key` below the context `c` ('' = at `c` itself). */
export function failureAt(
  c: t.Context,
  key: string,
  value: unknown,
  reason: string,
): t.ValidationError {
  const context = key === '' ? c : t.appendContext(c, key, t.unknown, value);
  return { value, context, message: reason };
}

/**
 * An object codec that REJECTS unknown keys (io-ts `strict` silently drops them: a typo in a
 * risk parameter must not be ignored), reports missing required keys as `required`, and runs
 * cross-field rules. A present key whose value is `null` is decoded (and fails), not skipped.
 */
export function closedStruct<R extends Props, O extends Props>(
  name: string,
  required: R,
  optional: O,
  options: StructOptions<StructOf<R, O>> = {},
): t.Type<StructOf<R, O>, StructOutputOf<R, O>, unknown> {
  const fields: ReadonlyArray<readonly [string, t.Mixed, boolean]> = [
    ...Object.entries(required).map(([k, codec]) => [k, codec, true] as const),
    ...Object.entries(optional).map(([k, codec]) => [k, codec, false] as const),
  ];
  const known = fields.map(([k]) => k);
  const has = (u: Readonly<Record<string, unknown>>, k: string) =>
    Object.hasOwn(u, k) && u[k] !== undefined;
  const is = (u: unknown): u is StructOf<R, O> =>
    isRecord(u) &&
    Object.keys(u).every((k) => known.includes(k)) &&
    fields.every(([k, codec, req]) => (has(u, k) ? codec.is(u[k]) : !req));

  return new t.Type<StructOf<R, O>, StructOutputOf<R, O>, unknown>(
    name,
    is,
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, 'expected an object');
      const errors: t.ValidationError[] = [];
      for (const key of Object.keys(u).filter((k) => !known.includes(k))) {
        const reason = options.unknownKey?.(key) ?? suggestKey(key, known);
        errors.push(failureAt(c, key, u[key], reason));
      }
      const out: Record<string, unknown> = {};
      for (const [key, codec, req] of fields) {
        if (!has(u, key)) {
          if (req) errors.push(failureAt(c, key, undefined, 'required'));
          continue;
        }
        const r = codec.validate(u[key], t.appendContext(c, key, codec, u[key]));
        if (E.isLeft(r)) errors.push(...r.left);
        else out[key] = r.right;
      }
      if (errors.length > 0) return t.failures(errors);
      const value = out as StructOf<R, O>;
      const violations = options.rules?.(value) ?? [];
      if (violations.length === 0) return t.success(value);
      return t.failures(violations.map(([key, reason]) => failureAt(c, key, u[key], reason)));
    },
    (a) => {
      const o: Record<string, unknown> = {};
      const record = a as Readonly<Record<string, unknown>>;
      for (const [key, codec] of fields) {
        if (record[key] !== undefined) o[key] = codec.encode(record[key]);
      }
      return o as StructOutputOf<R, O>;
    },
  );
}

/** Maps a decoded value (filling defaults); encoding keeps the filled value. */
export function withDefaults<A, B extends A, O>(
  codec: t.Type<A, O, unknown>,
  fill: (a: A) => B,
  name = codec.name,
): t.Type<B, O, unknown> {
  return new t.Type<B, O, unknown>(
    name,
    (u): u is B => codec.is(u),
    (u, c) => E.map(fill)(codec.validate(u, c)),
    (b) => codec.encode(b),
  );
}
