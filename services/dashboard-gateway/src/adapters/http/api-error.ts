import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decodeWith, type DecodeIssue } from '@hoga/model';

/** Why the gateway refused a request: every refusal is one of these, as JSON. */
export type ApiErrorCode =
  | 'bad-request'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf'
  | 'not-found'
  | 'conflict'
  | 'denied'
  | 'too-many-requests'
  | 'payload-too-large'
  | 'unavailable'
  | 'internal';

const STATUS: Readonly<Record<ApiErrorCode, number>> = {
  'bad-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  'not-found': 404,
  conflict: 409,
  denied: 409,
  'payload-too-large': 413,
  'too-many-requests': 429,
  unavailable: 503,
  internal: 500,
};

/** A field that failed to decode: where (`query.limit`, `body.strategy.budgetKrw`) and what was expected. */
export interface FieldIssue {
  readonly field: string;
  readonly expected: string;
}

/** The JSON body of every error reply: `{ error: { code, message, fields? } }`. */
export interface ApiErrorBody {
  readonly error: {
    readonly code: ApiErrorCode;
    readonly message: string;
    readonly fields?: readonly FieldIssue[];
  };
}

/** A refusal thrown by a route; the error handler turns it into its status and JSON body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: readonly FieldIssue[],
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
  body(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields !== undefined ? { fields: this.fields } : {}),
      },
    };
  }
}
export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

const MAX_FIELDS = 20;

const fieldOf = (where: string, issue: DecodeIssue): FieldIssue => ({
  field: issue.path === '' ? where : `${where}.${issue.path}`,
  expected: issue.expected,
});

/**
 * Decodes a request part (`where`: `body`, `query`, `params`) with its codec, or throws a
 * `bad-request` {@link ApiError} naming each field that failed (at most 20, never the values).
 */
export function decodeRequest<A, O>(
  codec: t.Type<A, O, unknown>,
  input: unknown,
  where: string,
): A {
  const result = decodeWith(codec, input);
  if (E.isRight(result)) return result.right;
  const fields = result.left.issues.slice(0, MAX_FIELDS).map((i) => fieldOf(where, i));
  const named = fields.map((f) => f.field).join(', ');
  throw new ApiError('bad-request', `invalid ${where}: ${named}`, fields);
}
