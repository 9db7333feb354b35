import type { Decimal } from '@hoga/model';
import type { ExecutorTrade } from '../executor-records.js';
import type { ExchangeLookup, ExchangeOrder, HogaOrder } from '../exchange-records.js';
import { discrepancy, note, type EvidenceValue, type Finding } from '../finding.js';

/** hoga's order states that mean the exchange never took the order. */
const NOT_PLACED = new Set(['new', 'rejected', 'denied', 'not_placed']);
/** hoga's order states whose outcome hoga is still finding out. */
const IN_FLIGHT = new Set(['submitting', 'unknown']);
/** The exchange states a hoga state must be seen in. */
const EXPECTED_STATE: Readonly<Record<string, readonly string[]>> = {
  open: ['wait', 'watch'],
  done: ['done'],
  cancel: ['cancel'],
};

const text = (d: Decimal | null): string => (d === null ? 'none' : d.toString());
const same = (a: Decimal | null, b: Decimal | null): boolean =>
  a === null || b === null ? a === b : a.eq(b);
const sum = (ds: readonly Decimal[], zero: Decimal): Decimal =>
  ds.reduce((s, d) => s.plus(d), zero);

/** One field hoga and the exchange disagree on. */
interface Difference {
  readonly field: string;
  readonly hoga: string;
  readonly exchange: string;
}

/** hoga's order size against the exchange's: volume, or the KRW total of a market buy. */
function sizeDifferences(o: HogaOrder, x: ExchangeOrder): Difference[] {
  const out: Difference[] = [];
  if (o.volume !== null && !same(o.volume, x.volume))
    out.push({ field: 'volume', hoga: text(o.volume), exchange: text(x.volume) });
  const exchangeTotal = x.ordType === 'price' ? x.price : null;
  if (o.totalKrw !== null && !same(o.totalKrw, exchangeTotal))
    out.push({ field: 'total KRW', hoga: text(o.totalKrw), exchange: text(exchangeTotal) });
  if (o.kind === 'limit' && !same(o.price, x.price))
    out.push({ field: 'price', hoga: text(o.price), exchange: text(x.price) });
  return out;
}

/**
 * Compares one of hoga's orders, and its trades rows, with the exchange's record of it: state,
 * side, market, size, executed volume (= the trades rows' volumes), paid fee (= their fees),
 * and trade by trade price, volume and funds, exactly.
 */
export function exchangeOrderChecks(
  lookup: ExchangeLookup,
  trades: readonly ExecutorTrade[],
): Finding[] {
  const { order: o, seen: x } = lookup;
  const pos = o.positionId;
  const ids = { orderId: o.orderId, identifier: o.identifier, exchangeUuid: o.exchangeUuid };
  if (x === null) {
    if (NOT_PLACED.has(o.state) && o.exchangeUuid === null) return [];
    const make = IN_FLIGHT.has(o.state) && o.exchangeUuid === null ? note : discrepancy;
    return [
      make(
        'exchange-order-missing',
        pos,
        `order ${o.orderId} (${o.state}${o.exchangeUuid === null ? '' : `, exchange uuid ${o.exchangeUuid}`}) is not known to the exchange` +
          (trades.length > 0
            ? `, yet order-executor recorded ${trades.length} trade(s) of it`
            : ''),
        { ...ids, state: o.state, trades: trades.length },
      ),
    ];
  }
  if (NOT_PLACED.has(o.state))
    return [
      discrepancy(
        'exchange-order-differs',
        pos,
        `order ${o.orderId} is ${o.state} in hoga's records, but the exchange has it: ${x.uuid} ${x.state}, executed ${x.executedVolume.toString()}`,
        { ...ids, state: o.state, exchangeState: x.state, exchangeOrder: x.uuid },
      ),
    ];
  const findings: Finding[] = [];
  const diffs: Difference[] = [];
  const zero = x.executedVolume.minus(x.executedVolume);
  const expected = EXPECTED_STATE[o.state];
  if (expected !== undefined && !expected.includes(x.state)) {
    if (o.state === 'open')
      findings.push(
        note(
          'exchange-order-differs',
          pos,
          `order ${o.orderId} is still open in hoga's records; the exchange has it ${x.state} (hoga has not seen it end yet)`,
          { ...ids, state: o.state, exchangeState: x.state },
        ),
      );
    else diffs.push({ field: 'state', hoga: o.state, exchange: x.state });
  }
  if (o.side !== x.side) diffs.push({ field: 'side', hoga: o.side, exchange: x.side });
  if (o.market !== x.market) diffs.push({ field: 'market', hoga: o.market, exchange: x.market });
  if (o.exchangeUuid !== null && o.exchangeUuid !== x.uuid)
    diffs.push({ field: 'uuid', hoga: o.exchangeUuid, exchange: x.uuid });
  diffs.push(...sizeDifferences(o, x));
  const executed = sum(
    trades.map((t) => t.volume),
    zero,
  );
  if (!executed.eq(x.executedVolume))
    diffs.push({
      field: 'executed volume',
      hoga: executed.toString(),
      exchange: x.executedVolume.toString(),
    });
  const fees = sum(
    trades.map((t) => t.fee),
    zero,
  );
  if (!fees.eq(x.paidFee))
    diffs.push({ field: 'paid fee', hoga: fees.toString(), exchange: x.paidFee.toString() });
  const theirs = new Map(x.trades.map((t) => [t.uuid, t]));
  for (const t of trades) {
    const xt = theirs.get(t.tradeUuid);
    if (xt === undefined) {
      findings.push(
        discrepancy(
          'exchange-trade-unknown',
          pos,
          `trade ${t.tradeUuid} of order ${o.orderId} (${t.volume.toString()} at ${t.price.toString()}) is not one of the exchange order ${x.uuid}'s trades`,
          {
            ...ids,
            tradeUuid: t.tradeUuid,
            price: t.price.toString(),
            volume: t.volume.toString(),
          },
        ),
      );
      continue;
    }
    for (const [field, mine, their] of [
      ['price', t.price, xt.price],
      ['volume', t.volume, xt.volume],
      ['funds', t.funds, xt.funds],
    ] as const)
      if (!mine.eq(their))
        diffs.push({
          field: `trade ${t.tradeUuid} ${field}`,
          hoga: mine.toString(),
          exchange: their.toString(),
        });
  }
  const mine = new Set(trades.map((t) => t.tradeUuid));
  for (const xt of x.trades)
    if (!mine.has(xt.uuid))
      findings.push(
        (o.state === 'open' || IN_FLIGHT.has(o.state) ? note : discrepancy)(
          'exchange-trade-unrecorded',
          pos,
          `the exchange order ${x.uuid} (order ${o.orderId}) has trade ${xt.uuid} (${xt.volume.toString()} at ${xt.price.toString()}, funds ${xt.funds.toString()}) that order-executor never recorded`,
          { ...ids, tradeUuid: xt.uuid, price: xt.price.toString(), volume: xt.volume.toString() },
        ),
      );
  if (diffs.length > 0) {
    const evidence: Record<string, EvidenceValue> = { ...ids };
    for (const d of diffs) {
      evidence[`hoga ${d.field}`] = d.hoga;
      evidence[`exchange ${d.field}`] = d.exchange;
    }
    findings.unshift(
      discrepancy(
        'exchange-order-differs',
        pos,
        `order ${o.orderId} differs from the exchange's ${x.uuid}: ` +
          diffs.map((d) => `${d.field} ${d.hoga} (exchange ${d.exchange})`).join(', '),
        evidence,
      ),
    );
  }
  return findings;
}

/**
 * I1 on the exchange: an order the exchange holds that is none of hoga's orders rows but belongs
 * to one of hoga's intents — order-executor recorded one of its trades under the intent's order,
 * or its identifier is the intent's position's (`<positionId>-…`, the scheme of `orderIdFor`) —
 * is a second exchange order for that intent.
 */
export function secondExchangeOrders(
  others: readonly ExchangeOrder[],
  hogaOrders: readonly HogaOrder[],
  tradesByUuid: ReadonlyMap<string, ExecutorTrade>,
): Finding[] {
  const byOrderId = new Map(hogaOrders.map((o) => [o.orderId, o]));
  const positions = [...new Set(hogaOrders.map((o) => o.positionId))].sort(
    (a, b) => b.length - a.length,
  );
  const findings: Finding[] = [];
  for (const x of others) {
    const recorded = x.trades
      .map((t) => tradesByUuid.get(t.uuid))
      .filter((t): t is ExecutorTrade => t !== undefined);
    const intent = recorded
      .map((t) => byOrderId.get(t.orderId))
      .find((o): o is HogaOrder => o !== undefined);
    const position =
      intent?.positionId ??
      positions.find((p) => x.identifier !== null && x.identifier.startsWith(`${p}-`));
    if (position === undefined) continue;
    const sameSide = hogaOrders.filter((o) => o.positionId === position && o.side === x.side);
    const named = intent ?? (sameSide.length === 1 ? sameSide[0] : undefined);
    findings.push(
      discrepancy(
        'exchange-order-duplicate',
        position,
        `the exchange holds a second order for ${named === undefined ? `position ${position}` : `intent ${named.orderId}`}: ` +
          `${x.uuid} (identifier ${x.identifier ?? 'none'}, ${x.side} ${x.state}, executed ${x.executedVolume.toString()})` +
          (recorded.length > 0
            ? `, and order-executor recorded its trade(s) ${recorded.map((t) => `${t.tradeUuid} under ${t.orderId}`).join(', ')}`
            : ''),
        {
          exchangeOrder: x.uuid,
          identifier: x.identifier,
          orderId: named?.orderId ?? null,
          executedVolume: x.executedVolume.toString(),
        },
      ),
    );
  }
  return findings;
}
