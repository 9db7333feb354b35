import * as t from 'io-ts';
import { Decimal, DecimalC } from '@hoga/model';
import type { Account, AccountSpec } from '../exchange/account.js';
import type { Holding } from '../exchange/ledger.js';
import type { Fill, Order, OrderSnapshot } from '../exchange/order.js';

/**
 * The emulator's durable state as stored on disk (snapshot and journal records): exact
 * decimals as strings, optional fields as `null`. Decoding checks every field, so a damaged
 * file is refused with the path of the bad field instead of corrupting the exchange.
 */

const NonNegativeDecimalC = new t.Type(
  'NonNegativeDecimal',
  DecimalC.is,
  (u, c) => {
    const d = DecimalC.validate(u, c);
    return d._tag === 'Right' && d.right.lt(0) ? t.failure(u, c) : d;
  },
  DecimalC.encode,
);
const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

const HoldingC = t.type({
  currency: t.string,
  balance: NonNegativeDecimalC,
  locked: NonNegativeDecimalC,
  avgBuyPrice: NonNegativeDecimalC,
});

const FillC = t.type({
  uuid: t.string,
  price: DecimalC,
  volume: DecimalC,
  funds: DecimalC,
  fee: DecimalC,
  isMaker: t.boolean,
  trend: t.keyof({ up: null, down: null }),
  at: t.number,
});

/** Every field of an order (see `exchange/order.ts`). */
export const StoredOrderC = t.type({
  uuid: t.string,
  accessKey: t.string,
  market: t.string,
  side: t.keyof({ bid: null, ask: null }),
  ordType: t.keyof({ limit: null, price: null, market: null, best: null }),
  price: nullable(DecimalC),
  volume: nullable(DecimalC),
  timeInForce: nullable(t.keyof({ ioc: null, fok: null, post_only: null })),
  smpType: nullable(t.keyof({ cancel_maker: null, cancel_taker: null, reduce: null })),
  identifier: nullable(t.string),
  createdAt: t.number,
  state: t.keyof({ wait: null, watch: null, done: null, cancel: null }),
  remainingVolume: nullable(DecimalC),
  remainingFunds: nullable(DecimalC),
  executedVolume: DecimalC,
  executedFunds: DecimalC,
  reservedFee: DecimalC,
  remainingFee: DecimalC,
  paidFee: DecimalC,
  locked: DecimalC,
  preventedVolume: DecimalC,
  preventedLocked: DecimalC,
  trades: t.array(FillC),
  finishedAt: nullable(t.number),
});
export type StoredOrder = t.TypeOf<typeof StoredOrderC>;

const ScopeC = t.keyof({ accounts: null, 'orders:read': null, 'orders:write': null });

/** An account's key pair and permissions (the file is written 0600). */
export const StoredAccountC = t.type({
  accessKey: t.string,
  secretKey: t.string,
  scopes: t.array(ScopeC),
  allowedIps: nullable(t.array(t.string)),
  expiresAt: nullable(t.number),
});
export type StoredAccount = t.TypeOf<typeof StoredAccountC>;

/** The order fields in their stored (positional) order; `trades` comes last. */
const ORDER_FIELDS = [
  'uuid',
  'accessKey',
  'market',
  'side',
  'ordType',
  'price',
  'volume',
  'timeInForce',
  'smpType',
  'identifier',
  'createdAt',
  'state',
  'remainingVolume',
  'remainingFunds',
  'executedVolume',
  'executedFunds',
  'reservedFee',
  'remainingFee',
  'paidFee',
  'locked',
  'preventedVolume',
  'preventedLocked',
  'finishedAt',
] as const satisfies ReadonlyArray<keyof Order>;
const FILL_FIELDS = [
  'uuid',
  'price',
  'volume',
  'funds',
  'fee',
  'isMaker',
  'trend',
  'at',
] as const satisfies ReadonlyArray<keyof Fill>;

type Scalar = string | number | boolean | null;
// (a WeakMap cache of formatted decimals was measured slower: its ephemerons cost the GC more)
const decimalText = (d: Decimal): string => d.toString();
const scalar = (v: unknown): Scalar =>
  v === undefined ? null : v instanceof Decimal ? decimalText(v) : (v as Scalar);

/**
 * An order as one JSON array (fields in {@link ORDER_FIELDS} order, then its fills as arrays):
 * the journal writes one per changed order on every commit, so the encoding is positional and
 * skips any generic codec walk (ADR 0032: the cost is on the matching path).
 */
export function encodeOrder(o: OrderSnapshot): unknown[] {
  const out: unknown[] = [];
  for (const f of ORDER_FIELDS) out.push(scalar(o[f]));
  const trades: Scalar[][] = [];
  for (const fill of o.trades) {
    const row: Scalar[] = [];
    for (const k of FILL_FIELDS) row.push(scalar(fill[k]));
    trades.push(row);
  }
  out.push(trades);
  return out;
}

const fromTuple = (fields: readonly string[], values: readonly unknown[]) =>
  Object.fromEntries(fields.map((f, i) => [f, values[i]]));

/** Decodes {@link encodeOrder}'s arrays (checked field by field by {@link StoredOrderC}). */
export const CompactOrderC = new t.Type<StoredOrder, unknown[], unknown>(
  'CompactOrder',
  StoredOrderC.is,
  (u, c) => {
    if (!Array.isArray(u) || u.length !== ORDER_FIELDS.length + 1) return t.failure(u, c);
    const trades = u[ORDER_FIELDS.length] as unknown;
    if (!Array.isArray(trades)) return t.failure(u, c);
    return StoredOrderC.validate(
      {
        ...fromTuple(ORDER_FIELDS, u),
        trades: trades.map((f: unknown) => (Array.isArray(f) ? fromTuple(FILL_FIELDS, f) : f)),
      },
      c,
    );
  },
  (o) => encodeOrder(orderOf(o)),
);

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

/** The order fields a delta record may change: those the exchange mutates after acceptance. */
export const MUTABLE_ORDER_FIELDS = [
  'state',
  'remainingVolume',
  'remainingFunds',
  'executedVolume',
  'executedFunds',
  'reservedFee',
  'remainingFee',
  'paidFee',
  'locked',
  'preventedVolume',
  'preventedLocked',
  'finishedAt',
] as const satisfies ReadonlyArray<keyof Order & keyof StoredOrder>;
export type MutableOrderField = (typeof MUTABLE_ORDER_FIELDS)[number];

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

const snapshotState = {
  format: t.literal('hoga-upbit-emulator-state'),
  seq: t.number,
  /** How many times the state was opened before (names the uuid stream of this run). */
  generation: t.number,
  savedAt: t.string,
  accounts: t.array(
    t.intersection([
      StoredAccountC,
      t.type({ holdings: t.array(HoldingC), identifiers: t.array(t.string) }),
    ]),
  ),
  orders: t.array(CompactOrderC),
  prices: t.record(t.string, DecimalC),
};

/**
 * The whole state as record formats 1 and 2 (state records) had it: what a snapshot of an
 * earlier version holds. `seq` = the last journal record it includes.
 */
export const SnapshotV1C = t.type({ ...snapshotState, version: t.literal(1) });

/** An unsigned 32-bit integer (a word of the uuid stream's state). */
const Uint32C = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff,
  'Uint32',
);
const WordsC = t.tuple([Uint32C, Uint32C, Uint32C, Uint32C]);

const BookLeftC = t.type({ asks: t.array(DecimalC), bids: t.array(DecimalC) });

/**
 * What the journal's inputs after a snapshot need besides the accounts and orders to run again
 * exactly as they ran (input records, ADR 0032 addendum): where the uuid stream was, the order
 * rules and each market's book (parameters, and what taker orders left of it since the last
 * trade) of the run that wrote them.
 */
export const ReplayBaseC = t.type({
  ids: t.type({ words: WordsC, spare: nullable(t.number) }),
  rules: t.type({
    taker: NonNegativeDecimalC,
    maker: NonNegativeDecimalC,
    minTotal: NonNegativeDecimalC,
    maxTotal: NonNegativeDecimalC,
  }),
  markets: t.array(
    t.type({
      market: t.string,
      book: t.type({
        levels: t.number,
        levelKrw: NonNegativeDecimalC,
        halfSpreadTicks: t.number,
      }),
      left: nullable(BookLeftC),
    }),
  ),
});
export type ReplayBase = t.TypeOf<typeof ReplayBaseC>;

/** The whole state and its replay base: what a snapshot of input records holds. */
export const SnapshotV2C = t.type({
  ...snapshotState,
  version: t.literal(2),
  replay: ReplayBaseC,
});

/** A snapshot of either version. */
export const SnapshotC = t.union([SnapshotV1C, SnapshotV2C]);
export type Snapshot = t.TypeOf<typeof SnapshotC>;

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

/** A holding as a journal record writes it. */
export const encodeHolding = (accessKey: string, h: Holding): t.OutputOf<typeof HoldingTupleC> => [
  accessKey,
  h.currency,
  decimalText(h.balance),
  decimalText(h.locked),
  decimalText(h.avgBuyPrice),
];

const orUndefined = <A>(a: A | null): A | undefined => (a === null ? undefined : a);

/** A live order rebuilt from its stored form. */
export function orderOf(s: StoredOrder): Order {
  return {
    ...s,
    price: orUndefined(s.price),
    volume: orUndefined(s.volume),
    timeInForce: orUndefined(s.timeInForce),
    smpType: orUndefined(s.smpType),
    identifier: orUndefined(s.identifier),
    remainingVolume: orUndefined(s.remainingVolume),
    remainingFunds: orUndefined(s.remainingFunds),
    trades: s.trades.map((f) => ({ ...f })),
    finishedAt: orUndefined(s.finishedAt),
  };
}

/** An account's key spec as stored. */
export function storedAccountOf(a: Account): StoredAccount {
  return {
    accessKey: a.accessKey,
    secretKey: a.secretKey,
    scopes: [...a.scopes],
    allowedIps: a.allowedIps ? [...a.allowedIps] : null,
    expiresAt: a.expiresAt ?? null,
  };
}

/** The key spec to open a stored account again. */
export function accountSpecOf(s: StoredAccount): AccountSpec {
  return {
    accessKey: s.accessKey,
    secretKey: s.secretKey,
    scopes: s.scopes,
    ...(s.allowedIps !== null ? { allowedIps: s.allowedIps } : {}),
    ...(s.expiresAt !== null ? { expiresAt: s.expiresAt } : {}),
  };
}
