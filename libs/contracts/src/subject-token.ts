/**
 * A subject could not be built: a token is empty, holds `.`, `*`, `>` or whitespace, or is not
 * what its place in the subject expects (a market, a position id, a known endpoint).
 */
export class InvalidSubjectError extends Error {
  override readonly name = 'InvalidSubjectError';
  constructor(
    /** What the token stands for: `market`, `positionId`, `service`, ... */
    readonly role: string,
    /** The offending token (quoted by `message`). */
    readonly token: string,
    detail: string,
  ) {
    super(`invalid ${role} subject token ${JSON.stringify(token)}: ${detail}`);
  }
}
/** Type guard for {@link InvalidSubjectError}. */
export const isInvalidSubjectError = (e: unknown): e is InvalidSubjectError =>
  e instanceof InvalidSubjectError;

/** One concrete token: printable ASCII, no `.`, `*`, `>` or whitespace, at most 128 chars. */
const TOKEN = /^[\x21-\x29\x2b-\x2d\x2f-\x3d\x3f-\x7e]{1,128}$/;

/** Returns `token` if it is a valid concrete subject token, else throws. */
export function concreteToken(role: string, token: string, valid?: (s: string) => boolean): string {
  if (typeof token !== 'string' || !TOKEN.test(token))
    throw new InvalidSubjectError(role, String(token), 'not a subject token');
  if (valid && !valid(token)) throw new InvalidSubjectError(role, token, `not a valid ${role}`);
  return token;
}

/** Like {@link concreteToken}, but also accepts the single-token wildcard `*`. */
export const tokenOrWildcard = (role: string, token: string, valid?: (s: string) => boolean) =>
  token === '*' ? token : concreteToken(role, token, valid);

/** Returns `subject` if it is a concrete subject (dot-separated valid tokens), else throws. */
export function concreteSubject(role: string, subject: string): string {
  if (typeof subject !== 'string' || subject.length > 512)
    throw new InvalidSubjectError(role, String(subject), 'not a subject');
  for (const token of subject.split('.')) concreteToken(role, token);
  return subject;
}

/** Returns `filter` if it is a valid subscription filter: tokens, `*`, and `>` only at the end. */
export function subjectFilter(role: string, filter: string): string {
  if (typeof filter !== 'string' || filter.length > 512)
    throw new InvalidSubjectError(role, String(filter), 'not a subject');
  const tokens = filter.split('.');
  tokens.forEach((token, i) => {
    if (token === '>' && i === tokens.length - 1) return;
    tokenOrWildcard(role, token);
  });
  return filter;
}
