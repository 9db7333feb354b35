import type { Decimal } from '@hoga/model';
import type { Holding } from '../exchange/ledger.js';
import type { Fill, OrderSnapshot } from '../exchange/order.js';
import type { StoredAccount } from './state-codec.js';

/**
 * The JSON text of a journal record written straight from the live objects, without building
 * the record's arrays first and walking them again in `JSON.stringify` (ADR 0032: the cost is on
 * the matching path). The text is byte for byte what `JSON.stringify` makes of the record
 * `ChangeRecordC` encodes (the unit test compares them), so the reader is unchanged.
 */

const str = (s: string): string => JSON.stringify(s);
// decimal.js writes digits, '.', '-', 'e' and '+' only: nothing JSON must escape
const dec = (d: Decimal): string => `"${d.toString()}"`;
const num = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');
const optDec = (d: Decimal | undefined): string => (d === undefined ? 'null' : dec(d));
const optStr = (s: string | undefined): string => (s === undefined ? 'null' : str(s));
const optNum = (n: number | undefined): string => (n === undefined ? 'null' : num(n));

/** A fill as `encodeOrder` writes it. */
const fillText = (f: Fill): string =>
  `[${str(f.uuid)},${dec(f.price)},${dec(f.volume)},${dec(f.funds)},${dec(f.fee)},` +
  `${f.isMaker ? 'true' : 'false'},${str(f.trend)},${num(f.at)}]`;

/** `encodeOrder(o)` as JSON text. */
export function orderText(o: OrderSnapshot): string {
  let trades = '';
  for (let i = 0; i < o.trades.length; i++) trades += (i ? ',' : '') + fillText(o.trades[i]!);
  return (
    `[${str(o.uuid)},${str(o.accessKey)},${str(o.market)},${str(o.side)},${str(o.ordType)},` +
    `${optDec(o.price)},${optDec(o.volume)},${optStr(o.timeInForce)},${optStr(o.smpType)},` +
    `${optStr(o.identifier)},${num(o.createdAt)},${str(o.state)},${optDec(o.remainingVolume)},` +
    `${optDec(o.remainingFunds)},${dec(o.executedVolume)},${dec(o.executedFunds)},` +
    `${dec(o.reservedFee)},${dec(o.remainingFee)},${dec(o.paidFee)},${dec(o.locked)},` +
    `${dec(o.preventedVolume)},${dec(o.preventedLocked)},${optNum(o.finishedAt)},[${trades}]]`
  );
}

/** `encodeHolding(accessKey, h)` as JSON text. */
export const holdingText = (accessKey: string, h: Holding): string =>
  `[${str(accessKey)},${str(h.currency)},${dec(h.balance)},${dec(h.locked)},${dec(h.avgBuyPrice)}]`;

/** The parts of one change record (`ChangeRecordC`), as the journal collects them. */
export interface ChangeParts {
  readonly seq: number;
  readonly accounts: readonly StoredAccount[];
  readonly holdings: Iterable<{ readonly accessKey: string; readonly holding: Holding }>;
  readonly identifiers: ReadonlyArray<readonly [string, string]>;
  readonly orders: Iterable<OrderSnapshot>;
  readonly prices: ReadonlyArray<readonly [string, Decimal]>;
}

const list = <A>(items: Iterable<A>, text: (a: A) => string): string => {
  let out = '';
  for (const a of items) out += (out === '' ? '' : ',') + text(a);
  return `[${out}]`;
};

/** The JSON text of one change record (what `JSON.stringify(ChangeRecordC.encode(r))` makes). */
export function changeRecordText(r: ChangeParts): string {
  let prices = '';
  for (const [m, p] of r.prices) prices += `${prices === '' ? '' : ','}${str(m)}:${dec(p)}`;
  return (
    `{"s":${num(r.seq)},"a":${JSON.stringify(r.accounts)},` +
    `"h":${list(r.holdings, ({ accessKey, holding }) => holdingText(accessKey, holding))},` +
    `"i":${list(r.identifiers, ([k, id]) => `[${str(k)},${str(id)}]`)},` +
    `"o":${list(r.orders, orderText)},"p":{${prices}}}`
  );
}
