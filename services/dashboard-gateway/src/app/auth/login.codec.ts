import * as t from 'io-ts';
import { text } from '@hoga/contracts';
import { MAX_PASSWORD_CHARS } from './password-hash.js';

/** `POST /api/login` (JSON) and `POST /login` (the form): a configured user's name and password. */
export const LoginBody = t.strict({
  user: text(128, 1),
  password: text(MAX_PASSWORD_CHARS, 1),
});
export type LoginBody = t.TypeOf<typeof LoginBody>;

/** `GET /login`: with `code` it redeems a one-time link, without it shows the form. */
export const LoginQuery = t.exact(t.partial({ code: text(256) }));

/** A code as `LoginCodes` issues it (128 bits in hex); anything else is refused unredeemed. */
export const isLoginCode = (code: string): boolean => /^[0-9a-f]{32}$/.test(code);
