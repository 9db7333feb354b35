import { streamRoute, type Route } from '@hoga/contracts';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { deferred, eventually, turns } from '@hoga/testkit';
import { isBusUsageError } from '../../bus.errors.js';
import type { Bus, ConsumerOptions, DurableDelivery } from '../../bus.port.js';
import {
  Inbox,
  ping,
  PingC,
  rejectsWith,
  streamSpec,
  type ContractContext,
  type Ping,
} from './fixtures.js';

const ACK_WAIT_MS = 5_000;

/** Durable consumers with `maxInFlight`: how many handlers run at once, redelivery, draining. */
export function concurrencyContract({ open, unique, harness }: ContractContext): void {
  const fresh = () => {
    const name = unique('C');
    const spec = streamSpec(name, [`${name.toLowerCase()}.>`], 'workqueue');
    const route = streamRoute(`${name.toLowerCase()}.ping`, PingC, spec);
    return {
      route,
      idle: () =>
        eventually(async () =>
          deepStrictEqual(await harness().consumerState(name, 'd'), { ackPending: 0, pending: 0 }),
        ),
    };
  };
  const options = (maxInFlight?: number): ConsumerOptions => ({
    durable: 'd',
    ackWaitMs: ACK_WAIT_MS,
    maxDeliver: 5,
    ...(maxInFlight !== undefined ? { maxInFlight } : {}),
  });
  const publishAll = async (bus: Bus, route: Route<Ping>, ns: readonly number[]) => {
    for (const n of ns) await bus.publishDurable(route, ping(n), { msgId: `m-${n}` });
  };

  /**
   * Publishes `count` messages, consumes them with handlers that wait until the test lets them
   * go, and lets them go one at a time, oldest first, each time once the consumer has filled
   * every slot it may. Returns the most handlers seen running at once and the start order.
   */
  async function holdAndRelease(maxInFlight: number | undefined, count: number) {
    const limit = maxInFlight ?? 1;
    const { route, idle } = fresh();
    const bus = await open();
    const ns = Array.from({ length: count }, (_, i) => i + 1);
    await publishAll(bus, route, ns);
    const gates = new Map(ns.map((n) => [n, deferred()]));
    const started = new Inbox<number>();
    const finished = new Inbox<number>();
    let active = 0;
    let maxActive = 0;
    await bus.consume(route, options(maxInFlight), async (d) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      started.push(d.data.data.n);
      await gates.get(d.data.data.n)!.promise;
      active -= 1;
      await d.ack();
      finished.push(d.data.data.n);
    });
    try {
      for (let released = 0; released < count; released++) {
        await started.atLeast(Math.min(released + limit, count));
        await turns();
        ok(
          started.items.length <= released + limit,
          `${started.items.length} handlers started with ${released} finished and a limit of ${limit}`,
        );
        gates.get(started.items[released]!)!.resolve();
      }
    } finally {
      for (const gate of gates.values()) gate.resolve(); // a failed test still drains
    }
    await finished.atLeast(count);
    await idle();
    return { maxActive, started: started.items };
  }

  describe('durable consumption with maxInFlight', () => {
    it('runs up to maxInFlight handlers at once, never more, started in delivery order', async () => {
      const { maxActive, started } = await holdAndRelease(3, 8);
      strictEqual(maxActive, 3);
      deepStrictEqual(started, [1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('runs one handler at a time by default', async () => {
      const { maxActive, started } = await holdAndRelease(undefined, 4);
      strictEqual(maxActive, 1);
      deepStrictEqual(started, [1, 2, 3, 4]);
    });

    it('redelivers a failed message while the others are still in flight, settling each on its own', async () => {
      const { route, idle } = fresh();
      const bus = await open();
      const deliveries = new Inbox<[number, number]>();
      const retried = deferred();
      await bus.consume(route, options(3), async (d: DurableDelivery<Ping>) => {
        const n = d.data.data.n;
        deliveries.push([n, d.deliveryCount]);
        if (n === 2 && d.deliveryCount === 1) throw new Error('transient');
        if (n === 2) retried.resolve();
        // 1 and 3 hold their slots until 2 has come back: its redelivery must not wait for them.
        else await retried.promise;
        await d.ack();
      });
      await publishAll(bus, route, [1, 2, 3]);
      try {
        await deliveries.atLeast(4);
      } finally {
        retried.resolve(); // a failed test still drains
      }
      await idle();
      deepStrictEqual(
        [...deliveries.items].sort((a, b) => a[0] - b[0] || a[1] - b[1]),
        [
          [1, 1],
          [2, 1],
          [2, 2],
          [3, 1],
        ],
      );
    });

    it('unsubscribe waits for every handler in flight, and their acks count', async () => {
      const { route, idle } = fresh();
      const bus = await open();
      await publishAll(bus, route, [1, 2, 3]);
      const gates = new Map([1, 2, 3].map((n) => [n, deferred()]));
      const started = new Inbox<number>();
      const finished = new Inbox<number>();
      const sub = await bus.consume(route, options(3), async (d) => {
        started.push(d.data.data.n);
        await gates.get(d.data.data.n)!.promise;
        await d.ack();
        finished.push(d.data.data.n);
      });
      let stopped = false;
      try {
        await started.atLeast(3);
        const stopping = sub.unsubscribe().then(() => (stopped = true));
        gates.get(1)!.resolve();
        gates.get(2)!.resolve();
        await finished.atLeast(2);
        await turns(20);
        strictEqual(stopped, false, 'unsubscribe resolved with a handler still running');
        gates.get(3)!.resolve();
        await stopping;
      } finally {
        for (const gate of gates.values()) gate.resolve(); // a failed test still drains
      }
      deepStrictEqual([...finished.items].sort(), [1, 2, 3]);
      await idle();
    });

    it('refuses a maxInFlight that is not a positive integer', async () => {
      const { route } = fresh();
      const bus = await open();
      for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        const error = await rejectsWith(
          bus.consume(route, options(bad), async (d) => d.ack()),
          isBusUsageError,
        );
        ok(error.message.includes('maxInFlight'), error.message);
      }
    });
  });
}
