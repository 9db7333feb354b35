import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { capText, MAX_TEXT_CHARS } from './bounded-text.js';

/** Issues named in a {@link DecodeError}'s message; the rest are counted. */
export const MAX_ISSUES_IN_MESSAGE = 10;
/** Issues kept in {@link DecodeError.issues}; `issueCount` has the total. */
export const MAX_ISSUES_KEPT = 100;
/** The most characters of one issue's path or expectation. */
const MAX_ISSUE_PART = 200;

/** One decode failure with a readable path (`data.fills[0].price`) and what was expected. */
export interface DecodeIssue {
  readonly path: string;
  readonly expected: string;
  /** A short, type-only description of the received value (never the value itself: no secrets). */
  readonly received: string;
}

/**
 * A typed decode failure: returned as a value, never thrown from deep inside. Bounded whatever
 * the input: `issues` keeps the first {@link MAX_ISSUES_KEPT} (`issueCount` counts them all) and
 * the message names the first {@link MAX_ISSUES_IN_MESSAGE}, then says how many more there are,
 * and is cut to `MAX_TEXT_CHARS` (a 396 KB message once made a 3.4 M character report).
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  readonly issues: readonly DecodeIssue[];
  /** How many issues the input had (more than `issues.length` when cut). */
  readonly issueCount: number;
  constructor(
    readonly codec: string,
    issues: readonly DecodeIssue[],
    issueCount: number = issues.length,
  ) {
    super(decodeReport(codec, issues, issueCount));
    this.issues = issues.slice(0, MAX_ISSUES_KEPT);
    this.issueCount = Math.max(issueCount, issues.length);
  }
}

/** `invalid <codec>: <path>: expected …, got …; …; and N more issues`, cut to a bound. */
function decodeReport(codec: string, issues: readonly DecodeIssue[], issueCount: number): string {
  const named = issues
    .slice(0, MAX_ISSUES_IN_MESSAGE)
    .map((i) => `${i.path || '(root)'}: expected ${i.expected}, got ${i.received}`);
  const more = Math.max(issueCount, issues.length) - named.length;
  const tail = more > 0 ? `; and ${more} more issue${more === 1 ? '' : 's'}` : '';
  return capText(
    `invalid ${capText(codec, MAX_ISSUE_PART)}: ${named.join('; ')}${tail}`,
    MAX_TEXT_CHARS,
  );
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
    path: capText(real.join(''), MAX_ISSUE_PART),
    expected: capText(error.message ?? last?.type.name ?? 'valid value', MAX_ISSUE_PART),
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
  const issues: DecodeIssue[] = [];
  let count = 0;
  for (const error of result.left) {
    const issue = toIssue(error);
    const k = `${issue.path}|${issue.expected}`;
    if (seen.has(k)) continue;
    seen.add(k);
    count += 1;
    if (issues.length < MAX_ISSUES_KEPT) issues.push(issue);
  }
  return E.left(new DecodeError(codec.name, issues, count));
}

/** Decodes or throws the {@link DecodeError}: only for trusted input (tests, fixtures). */
export function decodeOrThrow<A, O>(codec: t.Type<A, O, unknown>, input: unknown): A {
  const r = decodeWith(codec, input);
  if (E.isLeft(r)) throw r.left;
  return r.right;
}
