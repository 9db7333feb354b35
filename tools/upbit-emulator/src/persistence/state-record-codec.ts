import * as t from 'io-ts';
import { DecimalC } from '@hoga/model';
import type { Holding } from '../exchange/ledger.js';
import {
  CompactOrderC,
  MUTABLE_ORDER_FIELDS,
  type MutableOrderField,
  FILL_FIELDS,
  FillC,
  NonNegativeDecimalC,
  StoredAccountC,
  StoredOrderC,
  decimalText,
  fromTuple,
  scalar,
  type StoredAccount,
  type StoredOrder,
} from './snapshot-codec.js';

/**
 * Journal records of formats 1 and 2 (ADR 0032, decisions 2 and 4, "Record format 2"): the
 * state of what an operation changed, upserted at recovery. No longer written (format 3 records
 * inputs); read so a journal an earlier version left after a crash still loads.
 */

/** A holding in a journal record: `[accessKey, currency, balance, locked, avgBuyPrice]`. */
const HoldingTupleC = t.tuple([
  t.string,
  t.string,
  NonNegativeDecimalC,
  NonNegativeDecimalC,
  NonNegativeDecimalC,
]);

/**
 * One journal record: the state of everything one exchange operation (or one synchronous run
 * of them) changed, upserted over the state before it. Short keys: `s` sequence number, `a`
 * accounts seen for the first time, `h` holdings, `i` identifiers claimed, `o` orders, `p` last
 * prices.
 */
export const ChangeRecordC = t.type({
  s: t.number,
  a: t.array(StoredAccountC),
  h: t.array(HoldingTupleC),
  i: t.array(t.tuple([t.string, t.string])),
  o: t.array(CompactOrderC),
  p: t.record(t.string, DecimalC),
});
export type ChangeRecord = t.TypeOf<typeof ChangeRecordC>;

export { MUTABLE_ORDER_FIELDS, type MutableOrderField };

/**
 * What changed in an order since the journal last wrote it: the fields that changed (by
 * {@link MUTABLE_ORDER_FIELDS} position) and the fills added. `tradesBefore` = how many fills
 * the order had before (recovery checks it, so a delta never lands on the wrong base).
 */
export interface OrderDelta {
  readonly uuid: string;
  readonly tradesBefore: number;
  readonly changes: Partial<Pick<StoredOrder, MutableOrderField>>;
  readonly fills: ReadonlyArray<StoredOrder['trades'][number]>;
}

const FillTupleC = new t.Type<StoredOrder['trades'][number], unknown[], unknown>(
  'CompactFill',
  FillC.is,
  (u, c) =>
    Array.isArray(u) && u.length === FILL_FIELDS.length
      ? FillC.validate(fromTuple(FILL_FIELDS, u), c)
      : t.failure(u, c),
  (f) => FILL_FIELDS.map((k) => scalar(f[k])),
);

/**
 * An order delta as a journal record writes it:
 * `[uuid, tradesBefore, [fieldIndex, value, fieldIndex, value, ...], [fill, ...]]`, each value
 * checked by the codec of its field in {@link StoredOrderC}.
 */
export const OrderDeltaC = new t.Type<OrderDelta, unknown[], unknown>(
  'OrderDelta',
  (u): u is OrderDelta => typeof u === 'object' && u !== null && 'tradesBefore' in u,
  (u, c) => {
    if (!Array.isArray(u) || u.length !== 4) return t.failure(u, c);
    const [uuid, tradesBefore, pairs, fills] = u as unknown[];
    if (typeof uuid !== 'string') return t.failure(uuid, c, 'delta without an order uuid');
    if (typeof tradesBefore !== 'number' || !Number.isSafeInteger(tradesBefore) || tradesBefore < 0)
      return t.failure(tradesBefore, c, 'delta without its fill count');
    if (!Array.isArray(pairs) || pairs.length % 2 !== 0)
      return t.failure(pairs, c, 'delta changes are not index/value pairs');
    const changes: Record<string, unknown> = {};
    for (let i = 0; i < pairs.length; i += 2) {
      const index = pairs[i] as unknown;
      const field =
        typeof index === 'number' && Number.isInteger(index)
          ? MUTABLE_ORDER_FIELDS[index]
          : undefined;
      if (field === undefined || field in changes)
        return t.failure(index, c, 'delta names no changeable order field');
      const value = StoredOrderC.props[field].validate(pairs[i + 1], [
        ...c,
        { key: field, type: StoredOrderC.props[field], actual: pairs[i + 1] },
      ]);
      if (value._tag === 'Left') return value;
      changes[field] = value.right;
    }
    const decodedFills = t.array(FillTupleC).validate(fills, c);
    if (decodedFills._tag === 'Left') return decodedFills;
    return t.success({
      uuid,
      tradesBefore,
      changes,
      fills: decodedFills.right,
    });
  },
  (d) => {
    const pairs: unknown[] = [];
    MUTABLE_ORDER_FIELDS.forEach((f, i) => {
      if (f in d.changes) pairs.push(i, scalar(d.changes[f]));
    });
    return [d.uuid, d.tradesBefore, pairs, d.fills.map((f) => FillTupleC.encode(f))];
  },
);

/**
 * A journal record of format 2: format 1 plus `d`, deltas of orders an earlier record (or the
 * snapshot) holds whole. `v: 2` marks it, and its new accounts are under `k` (not `a`) so a
 * reader of format 1 refuses it (missing `a`) instead of silently dropping its deltas.
 */
export const ChangeRecordV2C = t.type({
  v: t.literal(2),
  s: t.number,
  k: t.array(StoredAccountC),
  h: t.array(HoldingTupleC),
  i: t.array(t.tuple([t.string, t.string])),
  o: t.array(CompactOrderC),
  d: t.array(OrderDeltaC),
  p: t.record(t.string, DecimalC),
});
export type ChangeRecordV2 = t.TypeOf<typeof ChangeRecordV2C>;

/** A journal record of either format, as recovery applies it. */
export interface JournalChange {
  readonly s: number;
  readonly a: readonly StoredAccount[];
  readonly h: ChangeRecord['h'];
  readonly i: ChangeRecord['i'];
  readonly o: readonly StoredOrder[];
  readonly d: readonly OrderDelta[];
  readonly p: ChangeRecord['p'];
}

/** Decodes a record of format 1 (whole orders only) or 2 (with deltas). */
export const JournalChangeC = new t.Type<JournalChange, unknown, unknown>(
  'JournalChange',
  (u): u is JournalChange => ChangeRecordC.is(u) && 'd' in u,
  (u, c) => {
    if (typeof u === 'object' && u !== null && 'v' in u) {
      const r = ChangeRecordV2C.validate(u, c);
      return r._tag === 'Left' ? r : t.success({ ...r.right, a: r.right.k });
    }
    const r = ChangeRecordC.validate(u, c);
    return r._tag === 'Left' ? r : t.success({ ...r.right, d: [] });
  },
  (r) =>
    ChangeRecordV2C.encode({
      v: 2,
      s: r.s,
      k: [...r.a],
      h: r.h,
      i: r.i,
      o: [...r.o],
      d: [...r.d],
      p: r.p,
    }),
);

/** A holding as a journal record writes it. */
export const encodeHolding = (accessKey: string, h: Holding): t.OutputOf<typeof HoldingTupleC> => [
  accessKey,
  h.currency,
  decimalText(h.balance),
  decimalText(h.locked),
  decimalText(h.avgBuyPrice),
];
