import * as t from 'io-ts';

/**
 * A list from JSON or from a comma-separated environment string (`"KRW-BTC, KRW-ETH"`: items
 * trimmed, empty items dropped), each item decoded by `item`.
 */
export const listFromEnv = <A>(item: t.Type<A, unknown, unknown>, name: string) => {
  const array = t.array(item, name);
  return new t.Type<A[], unknown, unknown>(
    name,
    array.is,
    (u, c) =>
      array.validate(
        typeof u === 'string'
          ? u
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== '')
          : u,
        c,
      ),
    array.encode,
  );
};
