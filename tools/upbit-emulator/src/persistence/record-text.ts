import { type Decimal, ZERO } from '@hoga/model';
import type { Holding } from '../exchange/ledger.js';
import type { Fill, OrderSnapshot } from '../exchange/order.js';
import type { StoredAccount } from './state-codec.js';

/**
 * The JSON text of a journal record written straight from the live objects, without building
 * the record's arrays first and walking them again in `JSON.stringify` (ADR 0032: the cost is on
 * the matching path). The text is byte for byte what `JSON.stringify` makes of the record
 * `ChangeRecordV2C` encodes (the unit test compares them), so the reader is the codec.
 */

// Printable ASCII without '"' and '\': what JSON.stringify writes as it is. A regex test is
// ~2.5x cheaper than JSON.stringify for a uuid; anything else takes JSON.stringify's path.
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const str = (s: string): string => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));
// The few strings every record repeats (access keys, markets, currencies, enums) quoted once.
const QUOTED = new Map<string, string>();
const QUOTED_MAX = 4096;
const known = (s: string): string => {
  let q = QUOTED.get(s);
  if (q === undefined) {
    q = str(s);
    if (QUOTED.size < QUOTED_MAX) QUOTED.set(s, q);
  }
  return q;
};
// decimal.js writes digits, '.', '-', 'e' and '+' only: nothing JSON must escape. ZERO (the
// exchange's shared zero: released reservations, market orders' fees) needs no formatting.
// A decimal is immutable: the same object always has the same text. The last few formatted
// are kept by identity (an order's remaining volume is its volume, its remaining fee its
// reserved fee; a holding keeps the decimals it did not change), a linear probe of a small ring.
const RING = 32;
const ringDecimals: Array<Decimal | undefined> = new Array<Decimal | undefined>(RING).fill(
  undefined,
);
const ringTexts: string[] = new Array<string>(RING).fill('');
let ringNext = 0;
function dec(d: Decimal): string {
  if (d === ZERO) return '"0"';
  for (let i = 0; i < RING; i++) if (ringDecimals[i] === d) return ringTexts[i]!;
  const text = `"${d.toString()}"`;
  ringDecimals[ringNext] = d;
  ringTexts[ringNext] = text;
  ringNext = (ringNext + 1) % RING;
  return text;
}
const num = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');
const optDec = (d: Decimal | undefined): string => (d === undefined ? 'null' : dec(d));
const optKnown = (s: string | undefined): string => (s === undefined ? 'null' : known(s));
const optStr = (s: string | undefined): string => (s === undefined ? 'null' : str(s));
const optNum = (n: number | undefined): string => (n === undefined ? 'null' : num(n));

/** A fill as `encodeOrder` writes it. */
const fillText = (f: Fill): string =>
  `[${str(f.uuid)},${dec(f.price)},${dec(f.volume)},${dec(f.funds)},${dec(f.fee)},` +
  `${f.isMaker ? 'true' : 'false'},${known(f.trend)},${num(f.at)}]`;

/** The fills of `o` from the `from`-th on, comma-separated. */
function fillsText(o: OrderSnapshot, from: number): string {
  let out = '';
  for (let i = from; i < o.trades.length; i++)
    out += (i > from ? ',' : '') + fillText(o.trades[i]!);
  return out;
}

/** `encodeOrder(o)` as JSON text. */
export function orderText(o: OrderSnapshot): string {
  return (
    `[${str(o.uuid)},${known(o.accessKey)},${known(o.market)},${known(o.side)},` +
    `${known(o.ordType)},${optDec(o.price)},${optDec(o.volume)},${optKnown(o.timeInForce)},` +
    `${optKnown(o.smpType)},${optStr(o.identifier)},${num(o.createdAt)},${known(o.state)},` +
    `${optDec(o.remainingVolume)},${optDec(o.remainingFunds)},${dec(o.executedVolume)},` +
    `${dec(o.executedFunds)},${dec(o.reservedFee)},${dec(o.remainingFee)},${dec(o.paidFee)},` +
    `${dec(o.locked)},${dec(o.preventedVolume)},${dec(o.preventedLocked)},` +
    `${optNum(o.finishedAt)},[${fillsText(o, 0)}]]`
  );
}

/**
 * `OrderDeltaC.encode` of what changed from `before` (the order as the journal last wrote it)
 * to `o`, as JSON text: the changeable fields whose value is another object than before (the
 * exchange replaces a decimal when it changes it; an equal value in a new object is written
 * again, which costs bytes, never exactness) and the fills added.
 */
export function orderDeltaText(before: OrderSnapshot, o: OrderSnapshot): string {
  let pairs = '';
  const add = (index: number, text: string) => {
    pairs += `${pairs === '' ? '' : ','}${index},${text}`;
  };
  // positions in MUTABLE_ORDER_FIELDS (the round-trip unit test fails if they drift)
  if (o.state !== before.state) add(0, known(o.state));
  if (o.remainingVolume !== before.remainingVolume) add(1, optDec(o.remainingVolume));
  if (o.remainingFunds !== before.remainingFunds) add(2, optDec(o.remainingFunds));
  if (o.executedVolume !== before.executedVolume) add(3, dec(o.executedVolume));
  if (o.executedFunds !== before.executedFunds) add(4, dec(o.executedFunds));
  if (o.reservedFee !== before.reservedFee) add(5, dec(o.reservedFee));
  if (o.remainingFee !== before.remainingFee) add(6, dec(o.remainingFee));
  if (o.paidFee !== before.paidFee) add(7, dec(o.paidFee));
  if (o.locked !== before.locked) add(8, dec(o.locked));
  if (o.preventedVolume !== before.preventedVolume) add(9, dec(o.preventedVolume));
  if (o.preventedLocked !== before.preventedLocked) add(10, dec(o.preventedLocked));
  if (o.finishedAt !== before.finishedAt) add(11, optNum(o.finishedAt));
  const from = before.trades.length;
  return `[${str(o.uuid)},${from},[${pairs}],[${fillsText(o, from)}]]`;
}

/** `encodeHolding(accessKey, h)` as JSON text. */
export const holdingText = (accessKey: string, h: Holding): string =>
  `[${known(accessKey)},${known(h.currency)},${dec(h.balance)},${dec(h.locked)},${dec(h.avgBuyPrice)}]`;

/** The parts of one change record (`ChangeRecordV2C`), as the journal collects them. */
export interface ChangeParts {
  readonly seq: number;
  readonly accounts: readonly StoredAccount[];
  readonly holdings: Iterable<{ readonly accessKey: string; readonly holding: Holding }>;
  readonly identifiers: ReadonlyArray<readonly [string, string]>;
  readonly orders: Iterable<OrderSnapshot>;
  /**
   * Each order as the journal (a record or the snapshot) last holds it: an order found here is
   * written as a delta from it, any other whole.
   */
  readonly written: ReadonlyMap<string, OrderSnapshot>;
  readonly prices: ReadonlyArray<readonly [string, Decimal]>;
}

/** The JSON text of one change record (what `JSON.stringify(ChangeRecordV2C.encode(r))` makes). */
export function changeRecordText(r: ChangeParts): string {
  let holdings = '';
  for (const { accessKey, holding } of r.holdings)
    holdings += (holdings === '' ? '' : ',') + holdingText(accessKey, holding);
  let identifiers = '';
  for (const [k, id] of r.identifiers)
    identifiers += `${identifiers === '' ? '' : ','}[${known(k)},${str(id)}]`;
  let whole = '';
  let deltas = '';
  for (const o of r.orders) {
    const before = r.written.get(o.uuid);
    if (before === undefined) whole += (whole === '' ? '' : ',') + orderText(o);
    else deltas += (deltas === '' ? '' : ',') + orderDeltaText(before, o);
  }
  let prices = '';
  for (const [m, p] of r.prices) prices += `${prices === '' ? '' : ','}${known(m)}:${dec(p)}`;
  return (
    `{"v":2,"s":${num(r.seq)},"k":${r.accounts.length === 0 ? '[]' : JSON.stringify(r.accounts)},` +
    `"h":[${holdings}],"i":[${identifiers}],"o":[${whole}],"d":[${deltas}],"p":{${prices}}}`
  );
}
