import { deepEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { dec } from '@hoga/model';
import { matchingBenchConfig, runMatchingWorkload } from '../bench/matching-throughput.js';
import type { OrderSnapshot } from '../exchange/order.js';
import { ManualClock } from '../util/clock.js';
import { createWorld } from '../world.js';
import { changeRecordText, holdingText, orderDeltaText, orderText } from './record-text.js';
import {
  ChangeRecordC,
  CompactOrderC,
  encodeHolding,
  encodeOrder,
  JournalChangeC,
  MUTABLE_ORDER_FIELDS,
  OrderDeltaC,
  orderOf,
  type StoredAccount,
} from './state-codec.js';

/** Every order snapshot a run of the bench workload reports (new, partly filled, done, ...). */
function reportedOrders(n: number): OrderSnapshot[] {
  const clock = new ManualClock();
  const seen: OrderSnapshot[] = [];
  const world = createWorld(matchingBenchConfig(clock, 'k', 3), {
    marketTraded: () => undefined,
    assetsChanged: () => undefined,
    orderChanged: (o) => seen.push(o),
  });
  runMatchingWorkload(world, clock, 'k', n);
  return seen;
}

const decimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 40 }))
  .map(([digits, scale]) => dec(`${digits}e-${scale}`));
const nonNegative = decimal.map((d) => d.abs());

describe('persistence: journal record text', () => {
  const orders = reportedOrders(400);

  it('writes every order exactly as JSON.stringify writes its codec encoding', () => {
    equal(
      orders.some((o) => o.trades.length > 0),
      true,
    );
    for (const o of orders) equal(orderText(o), JSON.stringify(encodeOrder(o)));
  });

  it('escapes any identifier and keeps any decimal and time (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...orders),
        fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
        decimal,
        fc.option(fc.integer(), { nil: undefined }),
        (o, identifier, locked, finishedAt) => {
          const odd: OrderSnapshot = { ...o, identifier, locked, finishedAt };
          equal(orderText(odd), JSON.stringify(encodeOrder(odd)));
        },
      ),
    );
  });

  /** Each reported order paired with the order's previous report: the base of a delta. */
  const pairs = (() => {
    const last = new Map<string, OrderSnapshot>();
    const out: Array<[OrderSnapshot, OrderSnapshot]> = [];
    for (const o of orders) {
      const before = last.get(o.uuid);
      if (before) out.push([before, o]);
      last.set(o.uuid, o);
    }
    return out;
  })();
  /** The stored order a delta text, decoded and applied to `before`'s stored form, gives. */
  const applied = (before: OrderSnapshot, deltaJson: string) => {
    const base = CompactOrderC.decode(JSON.parse(orderText(before)));
    const delta = OrderDeltaC.decode(JSON.parse(deltaJson));
    if (E.isLeft(base) || E.isLeft(delta)) throw new Error('undecodable');
    equal(delta.right.tradesBefore, base.right.trades.length);
    return orderOf({
      ...base.right,
      ...delta.right.changes,
      trades: [...base.right.trades, ...delta.right.fills],
    });
  };

  it('a delta applied to the order it starts from gives the order, byte for byte', () => {
    ok(
      pairs.some(([b, o]) => o.trades.length > b.trades.length),
      'fills among the pairs',
    );
    for (const [before, o] of pairs) {
      const text = orderDeltaText(before, o);
      equal(orderText(applied(before, text)), orderText(o));
      const decoded = OrderDeltaC.decode(JSON.parse(text));
      ok(E.isRight(decoded));
      if (E.isRight(decoded)) equal(JSON.stringify(OrderDeltaC.encode(decoded.right)), text);
    }
  });

  it('a delta carries every changed field and no unchanged one (fuzz)', () => {
    const fields = [...MUTABLE_ORDER_FIELDS];
    fc.assert(
      fc.property(
        fc.constantFrom(...pairs),
        fc.subarray(fields),
        decimal,
        fc.constantFrom('wait', 'watch', 'done', 'cancel'),
        fc.option(fc.integer(), { nil: undefined }),
        ([before, o], changed, value, state, finishedAt) => {
          // the order `o` with `changed` set to new objects (an equal decimal in a new object too)
          const next: Record<string, unknown> = { ...o };
          for (const f of changed)
            next[f] =
              f === 'state'
                ? state
                : f === 'finishedAt'
                  ? finishedAt
                  : (f === 'remainingVolume' || f === 'remainingFunds') && o[f] === undefined
                    ? undefined
                    : dec(value.toString());
          const after = next as unknown as OrderSnapshot;
          const text = orderDeltaText(before, after);
          equal(orderText(applied(before, text)), orderText(after));
          const delta = OrderDeltaC.decode(JSON.parse(text));
          if (E.isLeft(delta)) throw new Error('undecodable');
          for (const f of fields)
            if (after[f] === before[f]) equal(f in delta.right.changes, false, `${f} unchanged`);
        },
      ),
    );
  });

  it('refuses a delta that names a fixed field, repeats a field or carries a bad value', () => {
    const [before, o] = pairs.find(([b, x]) => x.trades.length > b.trades.length)!;
    const good = JSON.parse(orderDeltaText(before, o)) as [string, number, unknown[], unknown[]];
    equal(E.isRight(OrderDeltaC.decode(good)), true);
    for (const bad of [
      [good[0], good[1], [12, '1'], good[3]],
      [good[0], good[1], [-1, '1'], good[3]],
      [good[0], good[1], [3, '1', 3, '2'], good[3]],
      [good[0], good[1], [3], good[3]],
      [good[0], good[1], [3, 'x'], good[3]],
      [good[0], good[1], [0, 'filled'], good[3]],
      [good[0], -1, good[2], good[3]],
      [good[0], good[1], good[2], [['u', '1']]],
      [good[0], good[1], good[2]],
    ])
      equal(E.isLeft(OrderDeltaC.decode(bad)), true, JSON.stringify(bad));
  });

  it('writes a whole record (format 2) that the reader decodes to what was changed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pairs), { maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 3 }),
        fc.array(fc.tuple(fc.string({ unit: 'binary' }), nonNegative, nonNegative, nonNegative), {
          maxLength: 3,
        }),
        fc.array(fc.tuple(fc.constantFrom('KRW-BTC', 'KRW-ETH', 'BTC-XRP'), decimal), {
          maxLength: 3,
        }),
        (chosen, asDelta, identifiers, held, priced) => {
          // one entry per order uuid, as the journal collects them
          const byUuid = new Map(chosen.map((p) => [p[1].uuid, p]));
          const changed = [...byUuid.values()].map(([, o]) => o);
          const written = new Map(
            [...byUuid.values()]
              .filter((_, i) => asDelta[i])
              .map(([before, o]) => [o.uuid, before]),
          );
          const holdings = held.map(([accessKey, balance, locked, avgBuyPrice]) => ({
            accessKey,
            holding: { currency: 'BTC', balance, locked, avgBuyPrice },
          }));
          const prices = [...new Map(priced)];
          const accounts: StoredAccount[] = [
            { accessKey: 'a"\\', secretKey: 's', scopes: [], allowedIps: null, expiresAt: 5 },
          ];
          const text = changeRecordText({
            seq: 7,
            accounts,
            holdings,
            identifiers,
            orders: changed,
            written,
            prices,
          });
          const plain = {
            v: 2,
            s: 7,
            k: accounts,
            h: holdings.map((h) => encodeHolding(h.accessKey, h.holding)),
            i: identifiers,
            o: changed.filter((o) => !written.has(o.uuid)).map(encodeOrder),
            d: changed
              .filter((o) => written.has(o.uuid))
              .map((o) => JSON.parse(orderDeltaText(written.get(o.uuid)!, o)) as unknown),
            p: Object.fromEntries(prices.map(([m, p]) => [m, p.toString()])),
          };
          equal(text, JSON.stringify(plain));
          for (const h of holdings)
            equal(
              holdingText(h.accessKey, h.holding),
              JSON.stringify(encodeHolding(h.accessKey, h.holding)),
            );
          const decoded = JournalChangeC.decode(JSON.parse(text));
          if (E.isLeft(decoded)) throw new Error('undecodable');
          deepEqual(decoded.right.a, accounts);
          deepEqual(
            [...decoded.right.o.map((o) => o.uuid), ...decoded.right.d.map((d) => d.uuid)].sort(),
            changed.map((o) => o.uuid).sort(),
          );
          // a reader of format 1 refuses it (no `a`) rather than dropping its deltas
          equal(E.isLeft(ChangeRecordC.decode(JSON.parse(text))), true);
        },
      ),
    );
  });

  it('still reads a record of format 1 (whole orders only)', () => {
    const v1 = {
      s: 3,
      a: [],
      h: [],
      i: [['k', 'id']],
      o: orders.slice(0, 3).map(encodeOrder),
      p: {},
    };
    const decoded = JournalChangeC.decode(JSON.parse(JSON.stringify(v1)));
    if (E.isLeft(decoded)) throw new Error('undecodable');
    deepEqual(decoded.right.d, []);
    deepEqual(
      decoded.right.o.map((o) => orderText(orderOf(o))),
      orders.slice(0, 3).map(orderText),
    );
  });
});
