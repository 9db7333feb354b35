import type { KvRoute } from '@hoga/contracts';
import { Decimal, price } from '@hoga/model';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { isBusDecodeError, isBusEncodeError, isBusUsageError } from '../../bus.errors.js';
import type { KvDeleted, KvEntry } from '../../bus.port.js';
import {
  AnyC,
  deadLetterInbox,
  Inbox,
  QuoteC,
  rejectsWith,
  type ContractContext,
  type Quote,
} from './fixtures.js';

const quote = (p: string): Quote => ({ market: 'KRW-BTC', price: price(p) });
/** Key, value (or `deleted`), revision. */
type Seen = [string, string, number];
const seen = (e: KvEntry<Quote> | KvDeleted): Seen => [
  e.key,
  'deleted' in e ? 'deleted' : e.value.price.toString(),
  e.revision,
];

/** Key-value buckets: latest value per key, revisions, deletes, watch. */
export function kvContract({ open, unique }: ContractContext): void {
  const bucket = (): KvRoute<Quote> => ({ bucket: unique('B'), codec: QuoteC, history: 1 });

  describe('key-value bucket', () => {
    it('puts, gets, deletes and lists keys, with increasing revisions', async () => {
      const route = bucket();
      const kv = await (await open()).kv(route);
      const r1 = await kv.put('KRW-BTC', quote('100'));
      const r2 = await kv.put('KRW-ETH', quote('200'));
      const r3 = await kv.put('KRW-BTC', quote('101.5'));
      ok(r1 < r2 && r2 < r3);
      const got = await kv.get('KRW-BTC');
      ok(got?.value.price instanceof Decimal);
      deepStrictEqual(
        [got.key, got.value.price.toString(), got.revision],
        ['KRW-BTC', '101.5', r3],
      );
      deepStrictEqual((await kv.keys()).sort(), ['KRW-BTC', 'KRW-ETH']);
      await kv.delete('KRW-BTC');
      strictEqual(await kv.get('KRW-BTC'), undefined);
      strictEqual(await kv.get('KRW-NONE'), undefined);
      deepStrictEqual(await kv.keys(), ['KRW-ETH']);
    });

    it('shares one bucket between buses', async () => {
      const route = bucket();
      await (await (await open()).kv(route)).put('trading', quote('1'));
      strictEqual(
        (await (await (await open()).kv(route)).get('trading'))?.value.price.toString(),
        '1',
      );
    });

    it('watches: the current value of every key, then every change', async () => {
      const route = bucket();
      const [writer, watcher] = [await open(), await open()];
      const kv = await writer.kv(route);
      const a = await kv.put('a', quote('1'));
      await kv.put('gone', quote('9'));
      await kv.delete('gone');
      const b = await kv.put('b', quote('2'));
      const events = new Inbox<Seen>();
      await (await watcher.kv(route)).watch((e) => events.push(seen(e)));
      deepStrictEqual(await events.atLeast(2), [
        ['a', '1', a],
        ['b', '2', b],
      ]);
      const c = await kv.put('c', quote('3'));
      await kv.delete('a');
      const b2 = await kv.put('b', quote('4'));
      const all = await events.atLeast(5);
      deepStrictEqual(all.slice(2, 3), [['c', '3', c]]);
      deepStrictEqual([all[3]![0], all[3]![1]], ['a', 'deleted']);
      deepStrictEqual(all.slice(4), [['b', '4', b2]]);
    });

    it('refuses an invalid key or value', async () => {
      const kv = await (await open()).kv(bucket());
      await rejectsWith(kv.put('has space', quote('1')), isBusUsageError);
      await rejectsWith(kv.put('.leading', quote('1')), isBusUsageError);
      await rejectsWith(kv.put('ok', quote('-1')), isBusEncodeError);
      await rejectsWith(kv.get('a*'), isBusUsageError);
      deepStrictEqual(await kv.keys(), []);
    });

    it('reports an undecodable stored value: get rejects, watch dead-letters it and goes on', async () => {
      const route = bucket();
      const bus = await open();
      const loose = await bus.kv({ ...route, codec: AnyC });
      await loose.put('bad', { market: 'KRW-BTC', price: 'not a price' });
      await loose.put('good', { market: 'KRW-BTC', price: '5' });
      await rejectsWith((await bus.kv(route)).get('bad'), isBusDecodeError);
      const letters = await deadLetterInbox(bus, `$KV.${route.bucket}`);
      const events = new Inbox<Seen>();
      await (await bus.kv(route)).watch((e) => events.push(seen(e)));
      const [letter] = await letters.atLeast(1);
      deepStrictEqual(
        [letter!.subject, letter!.reason],
        [`$KV.${route.bucket}.bad`, 'undecodable'],
      );
      deepStrictEqual(
        (await events.atLeast(1)).map((e) => e[0]),
        ['good'],
      );
    });
  });
}
