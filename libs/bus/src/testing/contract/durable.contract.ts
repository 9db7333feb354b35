import { coreRoute, streamRoute } from '@hoga/contracts';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { isBusEncodeError, isBusUsageError } from '../../bus.errors.js';
import type { Bus, DurableDelivery } from '../../bus.port.js';
import { DeadLetterHeader } from '../../dead-letter.js';
import { createTraceparent, TRACEPARENT } from '../../trace-context.js';
import { eventually } from '@hoga/testkit';
import {
  AnyC,
  deadLetterInbox,
  Inbox,
  ping,
  PingC,
  rejectsWith,
  streamSpec,
  text,
  utf8,
  type ContractContext,
  type Ping,
} from './fixtures.js';

const ACK_WAIT_MS = 300;

/** Durable consumption: ack, redelivery, nak, max deliveries, work queues, dedup. */
export function durableContract({ open, unique, harness, log }: ContractContext): void {
  /** A stream of its own for one test: `name` and subjects `<name>.>`. */
  const fresh = (retention: 'limits' | 'workqueue' = 'limits') => {
    const name = unique('S');
    const spec = streamSpec(name, [`${name.toLowerCase()}.>`], retention);
    const route = streamRoute(`${name.toLowerCase()}.ping`, PingC, spec);
    return {
      name,
      spec,
      route,
      idle: () =>
        eventually(async () =>
          deepStrictEqual(await harness().consumerState(name, 'd'), { ackPending: 0, pending: 0 }),
        ),
    };
  };
  const options = (maxDeliver = 5) => ({ durable: 'd', ackWaitMs: ACK_WAIT_MS, maxDeliver });
  const publishAll = async (
    bus: Bus,
    route: ReturnType<typeof fresh>['route'],
    ns: readonly number[],
  ) => {
    for (const n of ns) await bus.publishDurable(route, ping(n), { msgId: `m-${n}` });
  };

  describe('durable consumption', () => {
    it('delivers a stored message with its sequence and headers, and forgets it once acked', async () => {
      const { route, idle } = fresh();
      const [producer, consumer] = [await open(), await open()];
      const core = new Inbox<number>();
      await consumer.subscribe(coreRoute(route.subject, PingC), (d) => core.push(d.data.data.n));
      const traceparent = createTraceparent();
      const ack = await producer.publishDurable(route, ping(1), {
        msgId: 'm-1',
        headers: { [TRACEPARENT]: traceparent },
      });
      strictEqual(ack.duplicate, false);
      const inbox = new Inbox<DurableDelivery<Ping>>();
      await consumer.consume(route, options(), async (d) => (inbox.push(d), d.ack()));
      const [d] = await inbox.atLeast(1);
      deepStrictEqual(
        [d!.subject, d!.data, d!.sequence, d!.deliveryCount],
        [route.subject, ping(1), ack.sequence, 1],
      );
      strictEqual(d!.headers[TRACEPARENT], traceparent);
      strictEqual(d!.headers['Nats-Msg-Id'], 'm-1');
      await idle();
      deepStrictEqual(await core.atLeast(1), [1]);
    });

    it('delivers again after the ack wait when the handler does not ack', async () => {
      const { route, idle } = fresh();
      const bus = await open();
      const inbox = new Inbox<DurableDelivery<Ping>>();
      await bus.consume(route, options(), async (d) => {
        inbox.push(d);
        if (d.deliveryCount === 2) await d.ack();
      });
      await publishAll(bus, route, [1]);
      const [first, second] = await inbox.atLeast(2);
      deepStrictEqual([first!.deliveryCount, second!.deliveryCount], [1, 2]);
      strictEqual(first!.sequence, second!.sequence);
      await idle();
    });

    it('delivers again after a nak and after a handler error', async () => {
      const { route, idle } = fresh();
      const bus = await open();
      const inbox = new Inbox<[number, number]>();
      await bus.consume(route, options(), async (d) => {
        inbox.push([d.data.data.n, d.deliveryCount]);
        if (d.deliveryCount > 1) return d.ack();
        if (d.data.data.n === 1) return d.nak();
        throw new Error('transient');
      });
      await publishAll(bus, route, [1, 2]);
      const got = await inbox.atLeast(4);
      deepStrictEqual([...got].sort(), [
        [1, 1],
        [1, 2],
        [2, 1],
        [2, 2],
      ]);
      await idle();
      ok(
        log().lines.some(
          (l) => l.message.includes('will be redelivered') && l.fields['error'] === 'transient',
        ),
      );
    });

    it('dead-letters a message whose handler fails maxDeliver times, then stops delivering it', async () => {
      const { name, route, idle } = fresh();
      const bus = await open();
      const letters = await deadLetterInbox(bus, route.subject.split('.')[0]!);
      const attempts = new Inbox<number>();
      await bus.consume(route, options(3), async (d) => {
        attempts.push(d.deliveryCount);
        throw new Error(`attempt ${d.deliveryCount} failed`);
      });
      await publishAll(bus, route, [1]);
      const [letter] = await letters.atLeast(1);
      deepStrictEqual(attempts.items, [1, 2, 3]);
      deepStrictEqual(
        [letter!.subject, letter!.reason, letter!.error],
        [route.subject, 'max-deliveries', 'attempt 3 failed'],
      );
      deepStrictEqual(JSON.parse(text(letter!.payload)), ping(1));
      ok(letter!.headers[DeadLetterHeader.stream]?.endsWith(name));
      strictEqual(letter!.headers[DeadLetterHeader.deliveries], '3');
      strictEqual(letter!.headers[DeadLetterHeader.msgId], 'm-1');
      await idle();
      ok(
        log().lines.some(
          (l) => l.message.includes('dead-lettered') && l.fields['reason'] === 'max-deliveries',
        ),
      );
    });

    it('dead-letters a message never acked in maxDeliver deliveries (handler hung or process died)', async () => {
      const { route, idle } = fresh();
      const bus = await open();
      const letters = await deadLetterInbox(bus, route.subject.split('.')[0]!);
      const attempts = new Inbox<number>();
      await bus.consume(route, options(2), async (d) => attempts.push(d.deliveryCount));
      await publishAll(bus, route, [1]);
      const [letter] = await letters.atLeast(1);
      deepStrictEqual(attempts.items, [1, 2]);
      strictEqual(letter!.reason, 'max-deliveries');
      strictEqual(letter!.headers[DeadLetterHeader.deliveries], '2');
      await idle();
    });

    it('shares a work queue between the members of one durable: each message is handled once', async () => {
      const { name, route, idle } = fresh('workqueue');
      const [a, b, producer] = [await open(), await open(), await open()];
      const handled = new Inbox<number>();
      for (const member of [a, b])
        await member.consume(route, options(), async (d) => (handled.push(d.data.data.n), d.ack()));
      await publishAll(
        producer,
        route,
        Array.from({ length: 20 }, (_, n) => n),
      );
      const got = await handled.atLeast(20);
      await idle();
      strictEqual(got.length, 20);
      strictEqual(new Set(got).size, 20);
      strictEqual(await harness().streamMessages(name), 0);
    });

    it('gives every durable of a limits stream every message, and keeps them', async () => {
      const { name, route } = fresh();
      const bus = await open();
      const [x, y] = [new Inbox<number>(), new Inbox<number>()];
      await bus.consume(
        route,
        { ...options(), durable: 'x' },
        async (d) => (x.push(d.data.data.n), d.ack()),
      );
      await bus.consume(
        route,
        { ...options(), durable: 'y' },
        async (d) => (y.push(d.data.data.n), d.ack()),
      );
      await publishAll(bus, route, [1, 2, 3]);
      deepStrictEqual(await x.atLeast(3), [1, 2, 3]);
      deepStrictEqual(await y.atLeast(3), [1, 2, 3]);
      strictEqual(await harness().streamMessages(name), 3);
    });

    it('drops a repeated message id: the second publish is a duplicate and the consumer sees one', async () => {
      const { name, route, idle } = fresh();
      const bus = await open();
      const first = await bus.publishDurable(route, ping(1), { msgId: 'order-1' });
      const again = await bus.publishDurable(route, ping(1), { msgId: 'order-1' });
      deepStrictEqual(again, { sequence: first.sequence, duplicate: true });
      await bus.publishDurable(route, ping(2), { msgId: 'order-2' });
      const inbox = new Inbox<number>();
      await bus.consume(route, options(), async (d) => (inbox.push(d.data.data.n), d.ack()));
      deepStrictEqual(await inbox.atLeast(2), [1, 2]);
      await idle();
      strictEqual(await harness().streamMessages(name), 2);
    });

    it('resumes a durable where it stopped', async () => {
      const { route, idle } = fresh();
      const bus = await open();
      await publishAll(bus, route, [1, 2]);
      const before = new Inbox<number>();
      const sub = await bus.consume(
        route,
        options(),
        async (d) => (before.push(d.data.data.n), d.ack()),
      );
      deepStrictEqual(await before.atLeast(2), [1, 2]);
      await idle();
      await sub.unsubscribe();
      await publishAll(bus, route, [3]);
      const after = new Inbox<number>();
      await (
        await open()
      ).consume(route, options(), async (d) => (after.push(d.data.data.n), d.ack()));
      deepStrictEqual(await after.atLeast(1), [3]);
      await idle();
    });

    it('dead-letters and terminates an undecodable stored message, never calling the handler', async () => {
      const { route, idle } = fresh();
      const bus = await open();
      const letters = await deadLetterInbox(bus, route.subject.split('.')[0]!);
      const handled = new Inbox<number>();
      await bus.consume(route, options(), async (d) => (handled.push(d.data.data.n), d.ack()));
      await harness().publishRaw(route.subject, utf8('not json'));
      await bus.publishDurable(streamRouteLike(route), { wrong: true }, { msgId: 'bad-shape' });
      await publishAll(bus, route, [5]);
      const dead = await letters.atLeast(2);
      deepStrictEqual(await handled.atLeast(1), [5]);
      deepStrictEqual(
        dead.map((l) => l.reason),
        ['undecodable', 'undecodable'],
      );
      await idle();
      strictEqual(handled.items.length, 1);
    });

    it('refuses what it cannot do: a core route, a bad durable name, an invalid message, clashing streams', async () => {
      const { name, spec, route } = fresh('workqueue');
      const bus = await open();
      await rejectsWith(
        bus.publishDurable(coreRoute(route.subject, PingC), ping(1), { msgId: 'x' }),
        isBusUsageError,
      );
      await rejectsWith(
        bus.consume(route, { ...options(), durable: 'has.dot' }, async () => undefined),
        isBusUsageError,
      );
      await rejectsWith(
        bus.publishDurable(route, { ...ping(1), type: 'Pong' } as unknown as Ping, { msgId: 'x' }),
        isBusEncodeError,
      );
      await bus.consume(route, options(), async (d) => d.ack());
      strictEqual(await harness().streamMessages(name), 0);
      const overlapping = streamRoute(route.subject, PingC, { ...spec, name: `${name}b` });
      await rejectsWith(bus.publishDurable(overlapping, ping(1), { msgId: 'y' }), isBusUsageError);
      const retentionChanged = streamRoute(route.subject, PingC, { ...spec, retention: 'limits' });
      await rejectsWith(
        bus.publishDurable(retentionChanged, ping(1), { msgId: 'z' }),
        isBusUsageError,
      );
      await rejectsWith(
        bus.consume(route, { ...options(), durable: 'other' }, async () => undefined),
        isBusUsageError,
      );
    });
  });
}

/** The same stream and subject with a codec that accepts anything (a producer on another schema). */
const streamRouteLike = (route: ReturnType<typeof streamRoute<Ping>>) =>
  streamRoute(route.subject, AnyC, route.stream!);
