import { coreRoute } from '@hoga/contracts';
import { Decimal, price } from '@hoga/model';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { isBusEncodeError, isBusUsageError } from '../../bus.errors.js';
import type { Delivery } from '../../bus.port.js';
import { DeadLetterHeader } from '../../dead-letter.js';
import { createTraceparent, TRACEPARENT, TRACESTATE } from '../../trace-context.js';
import { deferred, eventually, turns } from '@hoga/testkit';
import {
  AnyC,
  deadLetterInbox,
  Inbox,
  ping,
  PingC,
  QuoteC,
  rejectsWith,
  text,
  utf8,
  type ContractContext,
  type Ping,
  type Quote,
} from './fixtures.js';

/** Core publish/subscribe: wildcards, queue groups, codecs, dead letters, headers. */
export function pubSubContract({ open, log, unique, harness }: ContractContext): void {
  describe('publish/subscribe', () => {
    it('matches `*` to one token and `>` to one or more, and delivers un-namespaced subjects', async () => {
      const p = unique('ps');
      const [publisher, subscriber] = [await open(), await open()];
      const star = new Inbox<string>();
      const tail = new Inbox<string>();
      const literal = new Inbox<string>();
      await subscriber.subscribe(coreRoute(`${p}.tick.*`, QuoteC), (d) => star.push(d.subject));
      await subscriber.subscribe(coreRoute(`${p}.>`, QuoteC), (d) => tail.push(d.subject));
      await subscriber.subscribe(coreRoute(`${p}.tick.KRW-BTC`, QuoteC), (d) =>
        literal.push(d.subject),
      );
      const q: Quote = { market: 'KRW-BTC', price: price('1') };
      for (const s of ['tick.KRW-ETH', 'candle.1m.KRW-BTC', 'tick.KRW-BTC', 'tick.end'])
        await publisher.publish(coreRoute(`${p}.${s}`, QuoteC), q);

      deepStrictEqual(await star.atLeast(3), [
        `${p}.tick.KRW-ETH`,
        `${p}.tick.KRW-BTC`,
        `${p}.tick.end`,
      ]);
      deepStrictEqual(
        await tail.atLeast(4),
        ['tick.KRW-ETH', 'candle.1m.KRW-BTC', 'tick.KRW-BTC', 'tick.end'].map((s) => `${p}.${s}`),
      );
      deepStrictEqual(await literal.atLeast(1), [`${p}.tick.KRW-BTC`]);
    });

    it('decodes on receipt: a decimal arrives as a Decimal with the exact value', async () => {
      const route = coreRoute(unique('dec.quote'), QuoteC);
      const bus = await open();
      const inbox = new Inbox<Quote>();
      await bus.subscribe(route, (d) => inbox.push(d.data));
      await bus.publish(route, { market: 'KRW-BTC', price: price('143250000.00000001') });
      const [q] = await inbox.atLeast(1);
      ok(q!.price instanceof Decimal);
      strictEqual(q!.price.toString(), '143250000.00000001');
    });

    it('gives each message to exactly one member of a queue group, and to every plain subscriber', async () => {
      const route = coreRoute(unique('queue.work'), PingC);
      const [a, b, watcher, publisher] = [await open(), await open(), await open(), await open()];
      const group = new Inbox<number>();
      const all = new Inbox<number>();
      for (const member of [a, b])
        await member.subscribe(route, (d) => group.push(d.data.data.n), { queue: 'workers' });
      await watcher.subscribe(route, (d) => all.push(d.data.data.n));
      for (let n = 0; n < 20; n++) await publisher.publish(route, ping(n));
      await all.atLeast(20);
      const got = await group.atLeast(20);
      strictEqual(got.length, 20);
      strictEqual(new Set(got).size, 20);
    });

    it('rejects an invalid outgoing message before sending it', async () => {
      const route = coreRoute(unique('invalid.out'), PingC);
      const bus = await open();
      const inbox = new Inbox<number>();
      await bus.subscribe(route, (d) => inbox.push(d.data.data.n));
      const bad = { ...ping(1), data: { n: 'one' } } as unknown as Ping;
      const error = await rejectsWith(bus.publish(route, bad), isBusEncodeError);
      strictEqual(error.subject, route.subject);
      await rejectsWith(
        bus.publish(route, { ...ping(2), occurredAt: 'yesterday' }),
        isBusEncodeError,
      );
      await rejectsWith(
        bus.publish(route, { ...ping(3), data: { n: Number.NaN } }),
        isBusEncodeError,
      );
      await bus.publish(route, ping(4));
      deepStrictEqual(await inbox.atLeast(1), [4]);
    });

    it('refuses a wildcard subject for publishing and a malformed header', async () => {
      const bus = await open();
      await rejectsWith(
        bus.publish(coreRoute(`${unique('wild')}.*`, PingC), ping(1)),
        isBusUsageError,
      );
      await rejectsWith(
        bus.publish(coreRoute(unique('hdr'), PingC), ping(1), { headers: { 'bad name': 'x' } }),
        isBusUsageError,
      );
      await rejectsWith(
        bus.publish(coreRoute(unique('hdr'), PingC), ping(1), { headers: { ok: 'line\nbreak' } }),
        isBusUsageError,
      );
    });

    it('dead-letters an undecodable message with a log line, never calling the handler', async () => {
      const p = unique('undecodable');
      const route = coreRoute(`${p}.in`, PingC);
      const bus = await open();
      const handled = new Inbox<number>();
      await bus.subscribe(route, (d) => handled.push(d.data.data.n));
      const letters = await deadLetterInbox(bus, p);
      const traceparent = createTraceparent();
      await harness().publishRaw(route.subject, utf8('{"not":"a ping"}'), {
        [TRACEPARENT]: traceparent,
      });
      await harness().publishRaw(route.subject, new Uint8Array([0xff, 0xfe, 0x00]));
      await (await open()).publish(coreRoute(route.subject, AnyC), { id: 'wrong shape' });
      await bus.publish(route, ping(7));

      const dead = await letters.atLeast(3);
      deepStrictEqual(await handled.atLeast(1), [7]);
      deepStrictEqual(
        dead.map((l) => [l.subject, l.reason]),
        Array.from({ length: 3 }, () => [route.subject, 'undecodable']),
      );
      const first = dead.find((l) => text(l.payload) === '{"not":"a ping"}');
      strictEqual(first?.headers[TRACEPARENT], traceparent);
      strictEqual(first.headers[DeadLetterHeader.subject], route.subject);
      ok(first.error.length > 0);
      await eventually(() =>
        strictEqual(
          log().lines.filter(
            (l) => l.message.includes('dead-lettered') && l.fields['subject'] === route.subject,
          ).length,
          3,
        ),
      );
      strictEqual(handled.items.length, 1);
    });

    it('keeps delivering after a handler error', async () => {
      const route = coreRoute(unique('handler.error'), PingC);
      const bus = await open();
      const inbox = new Inbox<number>();
      await bus.subscribe(route, (d) => {
        if (d.data.data.n === 1) throw new Error('boom');
        inbox.push(d.data.data.n);
      });
      await bus.publish(route, ping(1));
      await bus.publish(route, ping(2));
      deepStrictEqual(await inbox.atLeast(1), [2]);
      await eventually(() => ok(log().lines.some((l) => l.message.includes('handler failed'))));
    });

    it('carries W3C trace context headers end to end', async () => {
      const route = coreRoute(unique('trace'), PingC);
      const bus = await open();
      const inbox = new Inbox<Delivery<Ping>>();
      await bus.subscribe(route, inbox.push);
      const headers = {
        [TRACEPARENT]: createTraceparent(),
        [TRACESTATE]: 'hoga=00f067aa0ba902b7,congo=t61rcWkgMzE',
      };
      await (await open()).publish(route, ping(1), { headers });
      const [d] = await inbox.atLeast(1);
      strictEqual(d!.headers[TRACEPARENT], headers[TRACEPARENT]);
      strictEqual(d!.headers[TRACESTATE], headers[TRACESTATE]);
    });

    it('unsubscribe waits for the handler in flight, and nothing is delivered afterwards', async () => {
      const route = coreRoute(unique('unsub'), PingC);
      const [bus, publisher] = [await open(), await open()];
      const started = deferred();
      const release = deferred();
      const inbox = new Inbox<number>();
      const sub = await bus.subscribe(route, async (d) => {
        started.resolve();
        await release.promise;
        inbox.push(d.data.data.n);
      });
      await publisher.publish(route, ping(1));
      await started.promise;
      let stopped = false;
      const stopping = sub.unsubscribe().then(() => (stopped = true));
      await turns();
      strictEqual(stopped, false);
      release.resolve();
      await stopping;
      deepStrictEqual(inbox.items, [1]);
      // A later message is not handled: prove it by a sentinel subscription that sees it.
      const sentinel = new Inbox<number>();
      await bus.subscribe(route, (d) => sentinel.push(d.data.data.n));
      await publisher.publish(route, ping(2));
      await sentinel.atLeast(1);
      deepStrictEqual(inbox.items, [1]);
    });
  });
}
