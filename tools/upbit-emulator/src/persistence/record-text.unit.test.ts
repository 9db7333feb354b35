import { deepEqual, equal } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { dec } from '@hoga/model';
import { matchingBenchConfig, runMatchingWorkload } from '../bench/matching-throughput.js';
import type { OrderSnapshot } from '../exchange/order.js';
import { ManualClock } from '../util/clock.js';
import { createWorld } from '../world.js';
import { changeRecordText, holdingText, orderText } from './record-text.js';
import { ChangeRecordC, encodeHolding, encodeOrder, type StoredAccount } from './state-codec.js';

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

  it('writes a whole record that the reader decodes to what was changed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...orders), { maxLength: 5 }),
        fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 3 }),
        fc.array(fc.tuple(fc.string({ unit: 'binary' }), nonNegative, nonNegative, nonNegative), {
          maxLength: 3,
        }),
        fc.array(fc.tuple(fc.constantFrom('KRW-BTC', 'KRW-ETH', 'BTC-XRP'), decimal), {
          maxLength: 3,
        }),
        (changed, identifiers, held, priced) => {
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
            prices,
          });
          const plain = {
            s: 7,
            a: accounts,
            h: holdings.map((h) => encodeHolding(h.accessKey, h.holding)),
            i: identifiers,
            o: changed.map(encodeOrder),
            p: Object.fromEntries(prices.map(([m, p]) => [m, p.toString()])),
          };
          equal(text, JSON.stringify(plain));
          for (const h of holdings)
            equal(
              holdingText(h.accessKey, h.holding),
              JSON.stringify(encodeHolding(h.accessKey, h.holding)),
            );
          const decoded = ChangeRecordC.decode(JSON.parse(text));
          equal(E.isRight(decoded), true);
          if (E.isRight(decoded))
            deepEqual(
              decoded.right.o.map((o) => o.uuid),
              changed.map((o) => o.uuid),
            );
        },
      ),
    );
  });
});
