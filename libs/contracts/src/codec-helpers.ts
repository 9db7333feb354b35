import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { DecimalC, type Decimal } from '@hoga/model';

/** Narrows a codec with a check on the decoded value; a failure is reported under `name`. */
export function refine<A, O>(
  codec: t.Type<A, O, unknown>,
  check: (a: A) => boolean,
  name: string,
): t.Type<A, O, unknown> {
  return new t.Type<A, O, unknown>(
    name,
    (u): u is A => codec.is(u) && check(u),
    (u, c) => {
      const r = codec.validate(u, c);
      return E.isRight(r) && !check(r.right) ? t.failure(u, c, name) : r;
    },
    (a) => codec.encode(a),
  );
}

/**
 * `codec` or null. Unlike `t.union([codec, t.null])`, a bad non-null value reports only what
 * `codec` expected, so the failure reads `data.price: expected Price`, not also `expected null`.
 */
export function nullable<A, O>(codec: t.Type<A, O, unknown>): t.Type<A | null, O | null, unknown> {
  return new t.Type<A | null, O | null, unknown>(
    `${codec.name} | null`,
    (u): u is A | null => u === null || codec.is(u),
    (u, c) => (u === null ? t.success(null) : codec.validate(u, c)),
    (a) => (a === null ? null : codec.encode(a)),
  );
}

/** A string of at most `max` characters (`min` at least, 0 by default). */
export const text = (max: number, min = 0): t.Type<string, string, unknown> =>
  refine(t.string, (s) => s.length >= min && s.length <= max, `Text(${min}..${max})`);

/** A non-negative safe integer (counts, versions, exchange sequence numbers, epoch ms). */
export const NonNegativeIntC = refine(
  t.number,
  (n) => Number.isSafeInteger(n) && n >= 0,
  'NonNegativeInt',
);

/** A non-negative decimal (balances of any currency, loss rates). */
export const NonNegativeDecimalC = refine<Decimal, string>(
  DecimalC,
  (d) => d.gte(0),
  'NonNegativeDecimal',
);

/** A percentage in (0, 100] as an exact decimal (`"10"` is 10%). */
export const PercentC = refine<Decimal, string>(
  DecimalC,
  (d) => d.gt(0) && d.lte(100),
  'Percent(0..100]',
);

/** Free-form structured data: a JSON object with any values (log fields, strategy specs). */
export const JsonRecordC = t.record(t.string, t.unknown, 'JsonRecord');

/** The name of a hoga service or tool, safe as one subject token: `position-actor`. */
export const ServiceNameC = refine(
  t.string,
  (s) => /^[a-z][a-z0-9-]{0,39}$/.test(s),
  'ServiceName',
);

/** An id the exchange gave (Upbit order or trade uuid): 1-64 of `[A-Za-z0-9-]`. */
export const ExchangeIdC = refine(t.string, (s) => /^[A-Za-z0-9-]{1,64}$/.test(s), 'ExchangeId');

/** An Upbit order `identifier`: 1-64 printable ASCII characters, no whitespace. */
export const IdentifierC = refine(t.string, (s) => /^[\x21-\x7e]{1,64}$/.test(s), 'Identifier');

/**
 * A union told apart by the literal field `tag`. Unlike a bare `t.union`, an unknown or missing
 * tag is reported at the path `tag`, with `expected` (the accepted values) as the expectation.
 */
export function taggedUnion<CS extends [t.Mixed, t.Mixed, ...t.Mixed[]]>(
  name: string,
  tag: string,
  expected: string,
  codecs: CS,
): t.Type<t.TypeOf<CS[number]>, t.OutputOf<CS[number]>, unknown> {
  const union = t.union(codecs, name);
  return new t.Type(
    name,
    union.is,
    (u, c) => {
      const r = union.validate(u, c);
      if (E.isRight(r) || !t.UnknownRecord.is(u)) return r;
      // A failure inside a member has a deeper context; a root failure means no member matched.
      if (r.left.some((e) => e.context.length > c.length)) return r;
      return t.failure(u[tag], [...c, { key: tag, type: t.unknown, actual: u[tag] }], expected);
    },
    union.encode,
  );
}

/** A union of envelope codecs told apart by `type` (each envelope codec is named by its type). */
export const messageUnion = <CS extends [t.Mixed, t.Mixed, ...t.Mixed[]]>(
  name: string,
  codecs: CS,
) => taggedUnion(name, 'type', codecs.map((c) => JSON.stringify(c.name)).join(' | '), codecs);
