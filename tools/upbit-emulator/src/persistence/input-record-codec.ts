import * as t from 'io-ts';
import { DecimalC } from '@hoga/model';
import { NonNegativeDecimalC, StoredAccountC, WordsC, nullable } from './snapshot-codec.js';

/**
 * Journal records of format 3 (ADR 0032 addendum): the exchange's inputs of one event-loop
 * turn, which a start runs again over the last snapshot (`input-replay.ts`). Written by
 * `record-text.ts` byte for byte as `JSON.stringify` writes what these codecs decode.
 */

/**
 * One input of a journal record (format 3), as the exchange ran it:
 * - `["o", at, accessKey, body, uuid | null]` an order request (the body as the client sent it;
 *   null: refused after its identifier was claimed);
 * - `["c", at, accessKey, uuid]` a cancel;
 * - `["t", at, market, price]` a market trade (a price step or an operator's move), which fills
 *   the resting orders it reaches;
 * - `["b", accessKey, {currency: amount}]` available balances set by an operator;
 * - `["a", account]` an account opened.
 */
const INPUT_KINDS = {
  o: t.tuple([t.literal('o'), t.number, t.string, t.unknown, nullable(t.string)]),
  c: t.tuple([t.literal('c'), t.number, t.string, t.string]),
  t: t.tuple([t.literal('t'), t.number, t.string, DecimalC]),
  b: t.tuple([t.literal('b'), t.string, t.record(t.string, NonNegativeDecimalC)]),
  a: t.tuple([t.literal('a'), StoredAccountC]),
};
const AnyInputC = t.union([
  INPUT_KINDS.o,
  INPUT_KINDS.c,
  INPUT_KINDS.t,
  INPUT_KINDS.b,
  INPUT_KINDS.a,
]);
export type Input = t.TypeOf<typeof AnyInputC>;
/** {@link AnyInputC}, checked by the codec its first element names (a start decodes many). */
export const InputC = new t.Type<Input, unknown, unknown>(
  'Input',
  AnyInputC.is,
  (u, c) => {
    const kind: unknown = Array.isArray(u) ? u[0] : undefined;
    return typeof kind === 'string' && Object.hasOwn(INPUT_KINDS, kind)
      ? INPUT_KINDS[kind as keyof typeof INPUT_KINDS].validate(u, c)
      : t.failure(u, c, 'an input of no known kind');
  },
  AnyInputC.encode,
);

/**
 * A journal record of format 3: the inputs of one event-loop turn, in the order they ran (`n`),
 * and the uuid stream's words after them (`r`: a replay that draws otherwise has diverged).
 */
export const InputRecordC = t.type({
  v: t.literal(3),
  s: t.number,
  n: t.array(InputC),
  r: WordsC,
});
export type InputRecord = t.TypeOf<typeof InputRecordC>;
