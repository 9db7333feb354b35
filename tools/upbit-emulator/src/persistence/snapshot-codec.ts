import * as t from 'io-ts';
import { Decimal, DecimalC } from '@hoga/model';
import type { Account, AccountSpec } from '../exchange/account.js';
import type { Fill, Order, OrderSnapshot } from '../exchange/order.js';
import type { World } from '../world.js';

/**
 * The emulator's durable state as a snapshot stores it (and the pieces the journal records
 * share with it): every order with its fills, every account with its holdings and used
 * identifiers, the last prices and, since snapshot version 2, what the journal's inputs need to
 * run again (ADR 0032 and its addendum). Exact decimals as strings, optional fields as `null`.
 * Decoding checks every field, so a damaged file is refused with the path of the bad field
 * instead of corrupting the exchange. Journal records: `input-record-codec.ts` (format 3) and
 * `state-record-codec.ts` (formats 1 and 2).
 */

export const NonNegativeDecimalC = new t.Type(
  'NonNegativeDecimal',
  DecimalC.is,
  (u, c) => {
    const d = DecimalC.validate(u, c);
    return d._tag === 'Right' && d.right.lt(0) ? t.failure(u, c) : d;
  },
  DecimalC.encode,
);
export const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

const HoldingC = t.type({
  currency: t.string,
  balance: NonNegativeDecimalC,
  locked: NonNegativeDecimalC,
  avgBuyPrice: NonNegativeDecimalC,
});

export const FillC = t.type({
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

const IMMUTABLE_ORDER_FIELDS = [
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
] as const satisfies ReadonlyArray<keyof Order>;

/** The order fields in their stored (positional) order; `trades` comes last. */
const ORDER_FIELDS = [...IMMUTABLE_ORDER_FIELDS, ...MUTABLE_ORDER_FIELDS] as const;
export const FILL_FIELDS = [
  'uuid',
  'price',
  'volume',
  'funds',
  'fee',
  'isMaker',
  'trend',
  'at',
] as const satisfies ReadonlyArray<keyof Fill>;

export type Scalar = string | number | boolean | null;
// (a WeakMap cache of formatted decimals was measured slower: its ephemerons cost the GC more)
export const decimalText = (d: Decimal): string => d.toString();
export const scalar = (v: unknown): Scalar =>
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

export const fromTuple = (fields: readonly string[], values: readonly unknown[]) =>
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
export const WordsC = t.tuple([Uint32C, Uint32C, Uint32C, Uint32C]);

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

/**
 * The snapshot (version 2) of `world` after journal record `seq`, in run `generation`: what
 * `SnapshotV2C` decodes back.
 */
export function worldSnapshot(
  world: World,
  seq: number,
  generation: number,
): t.OutputOf<typeof SnapshotV2C> {
  const ids = world.idState();
  const rules = world.exchange.rules;
  return {
    format: 'hoga-upbit-emulator-state',
    version: 2,
    seq,
    generation,
    savedAt: new Date(world.clock.now()).toISOString(),
    accounts: world.exchange.allAccounts().map((a) => ({
      ...storedAccountOf(a),
      holdings: a.ledger.list().map((h) => ({
        currency: h.currency,
        balance: h.balance.toString(),
        locked: h.locked.toString(),
        avgBuyPrice: h.avgBuyPrice.toString(),
      })),
      identifiers: [...a.identifiers],
    })),
    orders: world.exchange.allOrders().map(encodeOrder),
    prices: Object.fromEntries(world.board.list().map((m) => [m.code, m.price.toString()])),
    replay: {
      ids: { words: [...ids.words], spare: ids.spare ?? null },
      rules: {
        taker: rules.fees.taker.toString(),
        maker: rules.fees.maker.toString(),
        minTotal: rules.minTotal.toString(),
        maxTotal: rules.maxTotal.toString(),
      },
      markets: world.board.list().map((m) => {
        const left = m.bookLeft();
        return {
          market: m.code,
          book: { ...m.spec.book, levelKrw: m.spec.book.levelKrw.toString() },
          left: left
            ? {
                asks: left.asks.map((d) => d.toString()),
                bids: left.bids.map((d) => d.toString()),
              }
            : null,
        };
      }),
    },
  };
}
