import type { Decimal } from '@hoga/model';
import type { AccountSpec } from '../exchange/account.js';
import { ALL_SCOPES } from '../exchange/account.js';
import type { StoredAccount } from './snapshot-codec.js';

/**
 * The JSON text of journal records of format 3 (inputs, ADR 0032 addendum), written straight
 * from the exchange's arguments: byte for byte what `JSON.stringify` makes of the record
 * `InputRecordC` decodes (the unit test compares them), so the reader is the codec; only an
 * order's body that came as JSON text is written as that text (the same value once parsed). An input
 * holds no decimal the exchange computed: an order's body as the client sent it, a cancel's
 * uuid, a market trade's price.
 */

// Printable ASCII without '"' and '\': what JSON.stringify writes as it is. A regex test is
// ~2.5x cheaper than JSON.stringify for a uuid; anything else takes JSON.stringify's path.
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const str = (s: string): string => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));
// The few strings every record repeats (access keys, markets) quoted once.
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
// decimal.js writes digits, '.', '-', 'e' and '+' only: nothing JSON must escape.
const dec = (d: Decimal): string => `"${d.toString()}"`;
const num = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

/**
 * `["o", at, accessKey, body, uuid | null]`. The body is JSON data (the parsed request); a
 * value JSON cannot hold (none comes from a request) would be written as JSON writes it.
 * `text`, the JSON text the body was parsed from (a REST request's body), is written as it
 * came instead of serialising the body again: reading the record parses it into the same
 * value. A text with a line break (pretty-printed JSON) would break the line framing: the
 * body is then serialised.
 */
export const orderInputText = (
  at: number,
  accessKey: string,
  body: unknown,
  uuid: string | undefined,
  text?: string,
): string =>
  `["o",${num(at)},${known(accessKey)},${bodyText(body, text)},${uuid === undefined ? 'null' : str(uuid)}]`;

const bodyText = (body: unknown, text: string | undefined): string =>
  text !== undefined && !text.includes('\n') ? text : (JSON.stringify(body) ?? 'null');

/** `["c", at, accessKey, uuid]`. */
export const cancelInputText = (at: number, accessKey: string, uuid: string): string =>
  `["c",${num(at)},${known(accessKey)},${str(uuid)}]`;

/** `["t", at, market, price]`. */
export const tradeInputText = (at: number, market: string, price: Decimal): string =>
  `["t",${num(at)},${known(market)},${dec(price)}]`;

/** `["b", accessKey, {currency: amount}]`. */
export function balancesInputText(
  accessKey: string,
  balances: Readonly<Record<string, Decimal>>,
): string {
  let pairs = '';
  for (const [currency, amount] of Object.entries(balances))
    pairs += `${pairs === '' ? '' : ','}${str(currency)}:${dec(amount)}`;
  return `["b",${known(accessKey)},{${pairs}}]`;
}

/** An account's key spec as a journal or snapshot stores it. */
export const storedSpecOf = (spec: AccountSpec): StoredAccount => ({
  accessKey: spec.accessKey,
  secretKey: spec.secretKey,
  scopes: [...(spec.scopes ?? ALL_SCOPES)],
  allowedIps: spec.allowedIps ? [...spec.allowedIps] : null,
  expiresAt: spec.expiresAt ?? null,
});

/** `["a", account]`. */
export const accountInputText = (spec: AccountSpec): string =>
  `["a",${JSON.stringify(storedSpecOf(spec))}]`;

/** One record of format 3: its number, its inputs' texts joined by commas, the uuid words. */
export const inputRecordText = (
  seq: number,
  inputs: string,
  words: readonly [number, number, number, number],
): string =>
  `{"v":3,"s":${num(seq)},"n":[${inputs}],"r":[${words[0]},${words[1]},${words[2]},${words[3]}]}`;
