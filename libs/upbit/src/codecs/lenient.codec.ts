import * as t from 'io-ts';

/**
 * `undefined` or `null` decode to `null`; anything else must satisfy `codec`. For fields Upbit
 * leaves out or nulls depending on the order type (price on market sells, volume on market buys).
 */
export function nullish<C extends t.Mixed>(
  codec: C,
): t.Type<t.TypeOf<C> | null, t.OutputOf<C> | null, unknown> {
  return new t.Type<t.TypeOf<C> | null, t.OutputOf<C> | null, unknown>(
    `${codec.name} | null`,
    (u): u is t.TypeOf<C> | null => u === null || codec.is(u),
    (u, c) => (u === undefined || u === null ? t.success(null) : codec.validate(u, c)),
    (a) => (a === null ? null : (codec.encode(a) as t.OutputOf<C>)),
  );
}

/** A non-negative safe integer sent as a JSON number or a digit string (`trades_count`, timestamps). */
export const IntC = new t.Type<number, number, unknown>(
  'Int',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, c) => {
    if (typeof u === 'number' && Number.isSafeInteger(u) && u >= 0) return t.success(u);
    if (typeof u === 'string' && /^\d{1,15}$/.test(u)) return t.success(Number(u));
    return t.failure(u, c);
  },
  (n) => n,
);

/** A market code as Upbit lists it (`KRW-BTC`, `BTC-ETH`, `USDT-XRP`): kept as a string. */
export const MarketCodeC = t.refinement(
  t.string,
  (s) => /^[A-Z0-9]{1,10}-[A-Z0-9.]{1,20}$/.test(s),
  'MarketCode',
);

/** A boolean that Upbit sometimes sends as the text `"true"`/`"false"`. */
export const BoolC = new t.Type<boolean, boolean, unknown>(
  'Bool',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) =>
    typeof u === 'boolean'
      ? t.success(u)
      : u === 'true'
        ? t.success(true)
        : u === 'false'
          ? t.success(false)
          : t.failure(u, c),
  (b) => b,
);

/** `undefined` or `null` decode to `fallback` (an absent list read as empty). */
export function withDefault<C extends t.Mixed>(
  codec: C,
  fallback: t.TypeOf<C>,
): t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown> {
  return new t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown>(
    codec.name,
    (u): u is t.TypeOf<C> => codec.is(u),
    (u, c) => (u === undefined || u === null ? t.success(fallback) : codec.validate(u, c)),
    (a) => codec.encode(a) as t.OutputOf<C>,
  );
}

/**
 * A trade's `sequential_id`: a non-negative integer, number or digit string. Upbit's ids can
 * exceed 2^53, where JSON numbers lose their last digits: use it for ordering and display, and
 * the trade uuid (private streams) or (timestamp, price, volume) for identity.
 */
export const SequentialIdC = new t.Type<number, number, unknown>(
  'SequentialId',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 0,
  (u, c) => {
    if (typeof u === 'number' && Number.isInteger(u) && u >= 0) return t.success(u);
    if (typeof u === 'string' && /^\d{1,20}$/.test(u)) return t.success(Number(u));
    return t.failure(u, c);
  },
  (n) => n,
);
