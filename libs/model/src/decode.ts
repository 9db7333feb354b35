import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';

/** One decode failure with a readable path (`data.fills[0].price`) and what was expected. */
export interface DecodeIssue {
  readonly path: string;
  readonly expected: string;
  /** A short, type-only description of the received value (never the value itself: no secrets). */
  readonly received: string;
}

/** A typed decode failure: returned as a value, never thrown from deep inside. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    readonly codec: string,
    readonly issues: readonly DecodeIssue[],
  ) {
    super(
      `invalid ${codec}: ${issues.map((i) => `${i.path || '(root)'}: expected ${i.expected}, got ${i.received}`).join('; ')}`,
    );
  }
}
export const isDecodeError = (e: unknown): e is DecodeError => e instanceof DecodeError;

function describe(u: unknown): string {
  if (u === null) return 'null';
  if (Array.isArray(u)) return 'array';
  if (typeof u === 'string') return u.length > 24 ? `string(${u.length})` : JSON.stringify(u);
  if (typeof u === 'number' || typeof u === 'boolean') return String(u);
  return typeof u;
}

function toIssue(error: t.ValidationError): DecodeIssue {
  // io-ts adds synthetic context entries for unions and intersections ("0", "1"); keep only
  // the keys that really index into the value, so the path reads like the JSON.
  const real: string[] = [];
  let cursor: unknown = error.context[0]?.actual;
  for (const { key, actual } of error.context.slice(1)) {
    const isObject = cursor !== null && typeof cursor === 'object';
    // A key that is absent but expected (actual undefined) is a missing field: name it.
    if (isObject && (key in (cursor as object) || actual === undefined)) {
      real.push(
        /^\d+$/.test(key) && Array.isArray(cursor) ? `[${key}]` : real.length ? `.${key}` : key,
      );
      cursor = (cursor as Record<string, unknown>)[key];
    }
  }
  const last = error.context[error.context.length - 1];
  return {
    path: real.join(''),
    expected: error.message ?? last?.type.name ?? 'valid value',
    received: describe(error.value),
  };
}

/** Decodes with a codec, mapping failures to a {@link DecodeError} with readable paths. */
export function decodeWith<A, O>(
  codec: t.Type<A, O, unknown>,
  input: unknown,
): E.Either<DecodeError, A> {
  const result = codec.decode(input);
  if (E.isRight(result)) return result;
  const seen = new Set<string>();
  const issues = result.left.map(toIssue).filter((i) => {
    const k = `${i.path}|${i.expected}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return E.left(new DecodeError(codec.name, issues));
}

/** Decodes or throws the {@link DecodeError}: only for trusted input (tests, fixtures). */
export function decodeOrThrow<A, O>(codec: t.Type<A, O, unknown>, input: unknown): A {
  const r = decodeWith(codec, input);
  if (E.isLeft(r)) throw r.left;
  return r.right;
}
