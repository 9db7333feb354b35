import { deepEqual, equal, ok } from 'node:assert/strict';
import { subjects, type OrderDenied, type PlaceOrder } from '@hoga/contracts';
import { eventually } from '@hoga/testkit';
import { limitBuy, marketBuy, marketSell } from './testing/commands.js';
import { Harness } from './testing/harness.js';
import { assertExactlyOnce } from './testing/invariants.js';
import { HandlerGauge, observedBus } from './testing/observed-bus.js';
import { UpbitProbe } from './testing/upbit-probe.js';

const sorted = (xs: readonly string[]) => [...xs].sort();
const exits = (count: number, prefix: string): PlaceOrder[] =>
  Array.from({ length: count }, (_, i) => marketSell(`${prefix}-${i}`, '0.001'));

for (const bus of ['in-process', 'nats'] as const) {
  describe(`order-executor: commands handled concurrently (${bus} bus)`, function () {
    this.timeout(90_000);
    let h: Harness;
    beforeEach(async () => {
      // Upbit's limits are enforced (a burst over 12 orders/s would get 429s), and every answer
      // comes 150 ms after the request was processed, so sends that overlap are seen overlapping.
      h = await Harness.open(bus, { rateLimits: { enabled: true }, faults: { latencyMs: 150 } });
      await h.setTradingState('ACTIVE');
    });
    afterEach(() => h.dispose());

    /** Waits until every order has reached one of `states`. */
    const allReach = (orderIds: readonly string[], ...states: string[]) =>
      eventually(async () => {
        for (const orderId of orderIds) {
          const state = (await h.order(orderId))?.state;
          ok(state !== undefined && states.includes(state), `${orderId} is ${state}`);
        }
      }, 60_000);

    it('sends many exits side by side: each POSTed once, all accepted, no 429 over 12 orders/s', async () => {
      const probe = new UpbitProbe();
      const commands = exits(30, 'p-liquidate');
      for (const command of commands) await h.send(command);
      await h.startExecutor({}, h.bus, { upbitClient: probe.client(h) });
      const orderIds = commands.map((c) => c.data.orderId);
      await allReach(orderIds, 'done');
      ok(
        probe.maxPostsInFlight >= 3,
        `at most ${probe.maxPostsInFlight} order POSTs were unanswered at once`,
      );
      deepEqual(
        sorted(probe.posted),
        sorted(commands.map((c) => c.data.identifier)),
        'each order POSTed exactly once',
      );
      deepEqual(probe.tooMany, [], 'no 429 on the wire');
      deepEqual(probe.rateLimited, [], 'no 429 reported by the client');
      for (const orderId of orderIds) {
        equal(h.events.typesOf(orderId)[0], 'OrderAccepted', orderId);
        await assertExactlyOnce(h, orderId, 1);
      }
    });

    it('takes entries through the gate one at a time: of two that together exceed the KRW balance, one is accepted, the other denied', async () => {
      const probe = new UpbitProbe();
      const gauge = new HandlerGauge();
      // 10,000,000 KRW on the account; each limit buy locks 6,000,000 (+ fee) and rests.
      const entries = [
        limitBuy('p-first', '50000000', '0.12'),
        limitBuy('p-second', '50000000', '0.12'),
      ];
      for (const command of entries) await h.send(command);
      await h.startExecutor({}, observedBus(h.bus, gauge.observation()), {
        upbitClient: probe.client(h),
      });
      const [a, b] = [entries[0]!.data.orderId, entries[1]!.data.orderId];
      const firstOutcomes = await eventually(() => {
        const outcomes = [h.events.of(a)[0], h.events.of(b)[0]];
        ok(outcomes[0] !== undefined && outcomes[1] !== undefined);
        return [outcomes[0], outcomes[1]];
      });
      deepEqual(sorted(firstOutcomes.map((e) => e.type)), ['OrderAccepted', 'OrderDenied']);
      equal(gauge.max, 2, 'both commands were being handled at the same time');
      const denied = firstOutcomes.find((e): e is OrderDenied => e.type === 'OrderDenied')!;
      equal(denied.data.reason, 'insufficient-balance');
      const accepted = denied.data.orderId === a ? b : a;
      deepEqual(probe.posted, [entries.find((c) => c.data.orderId === accepted)!.data.identifier]);
      equal((await h.order(accepted))?.state, 'open');
      equal((await h.order(denied.data.orderId))?.state, 'denied');
      await assertExactlyOnce(h, accepted, 1);
      await assertExactlyOnce(h, denied.data.orderId, 0);
    });

    it('keeps the open-position cap with entries handled together: of two with room for one, one is accepted, the other denied', async () => {
      const gauge = new HandlerGauge();
      const entries = [marketBuy('p-cap-a', '100000'), marketBuy('p-cap-b', '100000')];
      for (const command of entries) await h.send(command);
      await h.startExecutor(
        { limits: { maxOpenPositions: 1 } },
        observedBus(h.bus, gauge.observation()),
      );
      const [a, b] = [entries[0]!.data.orderId, entries[1]!.data.orderId];
      const firstOutcomes = await eventually(() => {
        const outcomes = [h.events.of(a)[0], h.events.of(b)[0]];
        ok(outcomes[0] !== undefined && outcomes[1] !== undefined);
        return [outcomes[0], outcomes[1]];
      });
      deepEqual(sorted(firstOutcomes.map((e) => e.type)), ['OrderAccepted', 'OrderDenied']);
      equal(gauge.max, 2, 'both commands were being handled at the same time');
      const denied = firstOutcomes.find((e): e is OrderDenied => e.type === 'OrderDenied')!;
      equal(denied.data.reason, 'max-open-positions');
      const accepted = denied.data.orderId === a ? b : a;
      // A market buy ends `cancel` when Upbit refunds the dust it could not spend.
      await allReach([accepted], 'done', 'cancel');
      await assertExactlyOnce(h, accepted, 1);
      await assertExactlyOnce(h, denied.data.orderId, 0);
    });

    it('places each order once when redeliveries and duplicate copies of its command run side by side', async () => {
      const probe = new UpbitProbe();
      const commands = exits(10, 'p-again');
      const orderIds = commands.map((c) => c.data.orderId);
      // The first executor does all the work and "dies" before each ack.
      const dying = new HandlerGauge();
      const first = await h.startExecutor({}, observedBus(h.bus, dying.observation(true)), {
        upbitClient: probe.client(h),
      });
      for (const command of commands) await h.send(command);
      await allReach(orderIds, 'done');
      const recorded = await Promise.all(
        orderIds.map(async (id) => (await h.storedEvents(id)).map((e) => e.id)),
      );
      await first.stop();
      // Every command comes back after the ack wait, and a second copy of each arrives under a
      // new message id (a relay that re-published after the dedup window).
      for (const command of commands)
        await h.bus.publishDurable(subjects.orderCmd(), command, { msgId: `${command.id}-again` });
      const healthy = new HandlerGauge();
      await h.startExecutor({}, observedBus(h.bus, healthy.observation()), {
        upbitClient: probe.client(h),
      });
      await eventually(() => {
        const redelivered = healthy.deliveries.filter((n) => n > 1).length;
        const copies = healthy.deliveries.filter((n) => n === 1).length;
        ok(redelivered >= commands.length && copies >= commands.length);
        equal(healthy.active, 0);
      }, 30_000);
      ok(healthy.max >= 2, `at most ${healthy.max} commands were handled at once`);
      deepEqual(sorted(probe.posted), sorted(commands.map((c) => c.data.identifier)));
      for (const [i, orderId] of orderIds.entries()) {
        deepEqual(
          (await h.storedEvents(orderId)).map((e) => e.id),
          recorded[i],
          `no new event for ${orderId}`,
        );
        await assertExactlyOnce(h, orderId, 1);
      }
    });
  });
}
