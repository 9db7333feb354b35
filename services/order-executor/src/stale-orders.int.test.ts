import { deepEqual, equal, ok } from 'node:assert/strict';
import { subjects, type Alert, type OrderCommand, type PlaceOrder } from '@hoga/contracts';
import { eventually } from '@hoga/testkit';
import { isBlocked, systemClock, UpbitClient } from '@hoga/upbit';
import { marketBuy, marketSell, orderIdOf } from './testing/commands.js';
import { Harness, KEYS } from './testing/harness.js';
import { assertExactlyOnce } from './testing/invariants.js';
import { UpbitProbe } from './testing/upbit-probe.js';

const FILLED = ['OrderAccepted', 'OrderFilled', 'OrderCompleted'];
const MAX_AGE = 1_500;

/** The command as decided `ageMs` ago. */
const decidedAgo = (command: PlaceOrder, ageMs: number): OrderCommand => ({
  ...command,
  occurredAt: new Date(Date.now() - ageMs).toISOString(),
});

for (const bus of ['in-process', 'nats'] as const)
  describe(`order-executor: no stale orders, every send bounded (ADR 0030, ${bus} bus)`, () => {
    let h: Harness;
    let probe: UpbitProbe;
    const alerts: Alert[] = [];
    const alerted = (dedupKey: string) => alerts.find((a) => a.data.dedupKey === dedupKey);

    beforeEach(async () => {
      alerts.length = 0;
      h = await Harness.open(bus);
      await h.setTradingState('ACTIVE');
      for (const severity of ['warning', 'critical'] as const)
        await h.bus.subscribe(subjects.alert(severity), (d) => void alerts.push(d.data));
      probe = new UpbitProbe();
    });
    afterEach(async () => {
      h.em.admin.setFaults({ burst429: 0 });
      await h.dispose();
    });

    /**
     * An order Upbit refused at least once, seen back in `new` (never sent). During a try the row
     * is `submitting`, and an exit's next try starts at once (no balance read before it), so a
     * single read can land in a try: wait for a `new`, and never see anything but the two.
     */
    const refusedAndNew = (orderId: string) =>
      eventually(
        async () => {
          const row = await h.order(orderId);
          ok(row?.state === 'new' || row?.state === 'submitting', row?.state);
          equal(row.state, 'new');
          ok(row.send_refusals >= 1, String(row.send_refusals));
          return row;
        },
        // The `new` spells between tries are short (the sweep and the redelivery both drive the
        // exit again): read often and long enough for a loaded machine to land in one.
        30_000,
        2,
      );

    const start = (executor: object = {}) =>
      h.startExecutor(
        { executor: { maxEntryAgeMs: MAX_AGE, unknownAlertAfterMs: 2_000, ...executor } },
        h.bus,
        // One retry of a 429 in the client: each refused send comes back to the executor fast.
        { upbitClient: probe.client(h, { maxRetries: 1 }) },
      );

    it('an entry command older than the maximum age is refused (order-expired): no order reaches Upbit', async () => {
      await start();
      await h.send(decidedAgo(marketBuy('p-old', '100000'), 60_000));
      const orderId = orderIdOf('p-old');
      await eventually(() => deepEqual(h.events.typesOf(orderId), ['OrderDenied']));
      const [denied] = h.events.of(orderId);
      ok(denied?.type === 'OrderDenied');
      equal(denied.data.reason, 'order-expired');
      ok(denied.data.detail.includes('before it could be sent'), denied.data.detail);
      equal((await h.order(orderId))?.state, 'denied');
      deepEqual(probe.posted, [], 'nothing posted');
      await eventually(() => ok(alerted(`order-expired:${orderId}`), 'warning alert'));
      await assertExactlyOnce(h, orderId, 0);
    });

    it("the age is measured with the executor's (injected) clock", async () => {
      const ahead = { ...systemClock, now: () => Date.now() + 60_000 };
      await h.startExecutor({ executor: { maxEntryAgeMs: MAX_AGE } }, h.bus, { clock: ahead });
      await h.send(marketBuy('p-skew', '100000'));
      await eventually(() => deepEqual(h.events.typesOf(orderIdOf('p-skew')), ['OrderDenied']));
      await assertExactlyOnce(h, orderIdOf('p-skew'), 0);
    });

    it('a fresh entry is sent as before', async () => {
      await start();
      await h.send(decidedAgo(marketBuy('p-fresh', '100000'), 100));
      await eventually(() => deepEqual(h.events.typesOf(orderIdOf('p-fresh')), FILLED));
      await assertExactlyOnce(h, orderIdOf('p-fresh'), 1);
    });

    it('an exit is never dropped for age: decided an hour ago, still placed', async () => {
      await start();
      await h.send(decidedAgo(marketSell('p-exit', '0.001'), 3_600_000));
      const orderId = orderIdOf('p-exit', 'exit');
      await eventually(() => deepEqual(h.events.typesOf(orderId), FILLED));
      await assertExactlyOnce(h, orderId, 1);
    });

    it('an entry Upbit keeps refusing (429) ends denied as expired, not new forever', async () => {
      await start({ balanceTtlMs: 60_000 });
      // A first (denied) order caches the balances: the gate passes, the POST meets the 429s.
      await h.send(marketBuy('p-warm', '4000'));
      await eventually(() => deepEqual(h.events.typesOf(orderIdOf('p-warm')), ['OrderDenied']));
      h.em.admin.setFaults({ burst429: 1_000_000 });
      await h.send(marketBuy('p-429', '100000'));
      const orderId = orderIdOf('p-429');
      await eventually(async () => ok(((await h.order(orderId))?.send_refusals ?? 0) >= 1));
      await eventually(() => deepEqual(h.events.typesOf(orderId), ['OrderDenied']));
      const [denied] = h.events.of(orderId);
      ok(denied?.type === 'OrderDenied' && denied.data.reason === 'order-expired');
      h.em.admin.setFaults({ burst429: 0 });
      await assertExactlyOnce(h, orderId, 0);
    });

    it('an exit Upbit keeps refusing (429) stays visible as new with a critical alert, then is sent once', async () => {
      await start();
      h.em.admin.setFaults({ burst429: 1_000_000 });
      await h.send(marketSell('p-sell429', '0.001'));
      const orderId = orderIdOf('p-sell429', 'exit');
      await eventually(() => ok(alerted(`order-not-sent:${orderId}`), 'critical alert'));
      const alert = alerted(`order-not-sent:${orderId}`)!;
      equal(alert.data.severity, 'critical');
      const row = await refusedAndNew(orderId);
      ok(row.detail?.includes('send refused'), row.detail ?? '');
      h.em.admin.setFaults({ burst429: 0 });
      await eventually(() => deepEqual(h.events.typesOf(orderId), FILLED));
      await assertExactlyOnce(h, orderId, 1);
    });

    it('an exit meeting a 418 block (another client of the key earned it): critical alert, sent once when the block ends', async () => {
      // The executor's own Upbit client: its 418 reports reach the alerting.
      await h.startExecutor({ executor: { maxEntryAgeMs: MAX_AGE, unknownAlertAfterMs: 2_000 } });
      h.em.admin.setRateLimits({
        enabled: true,
        blockAfterViolations: 1,
        blockBaseMs: 3_000,
        groups: { order: { limit: 1, windowMs: 1_000 } },
      });
      const careless = new UpbitClient({ baseUrl: h.em.url, credentials: KEYS, maxRetries: 0 });
      const buy = (identifier: string) =>
        careless.orders.place({
          market: 'KRW-BTC',
          side: 'bid',
          ord_type: 'price',
          price: '10000',
          identifier,
        });
      await buy('careless-1');
      await buy('careless-2').catch((e: unknown) => ok(isBlocked(e), String(e)));
      await h.send(marketSell('p-418', '0.001'));
      const orderId = orderIdOf('p-418', 'exit');
      await eventually(() => ok(alerts.some((a) => a.data.dedupKey.startsWith('upbit-blocked:'))));
      await eventually(() => deepEqual(h.events.typesOf(orderId), FILLED), 15_000);
      await assertExactlyOnce(h, orderId, 1);
    });

    it('an exit whose command was dead-lettered is still driven by the sweep until it is sent', async () => {
      await start({ maxDeliver: 2, ackWaitMs: 1_000 });
      h.em.admin.setFaults({ burst429: 1_000_000 });
      await h.send(marketSell('p-dead', '0.001'));
      const orderId = orderIdOf('p-dead', 'exit');
      // Two deliveries, then the command is dead-lettered: from then on only the sweep sends.
      await eventually(async () => ok((await h.bus.keptDeadLetters()).letters.length >= 1));
      const refused = (await h.order(orderId))?.send_refusals ?? 0;
      await eventually(async () => ok(((await h.order(orderId))?.send_refusals ?? 0) > refused));
      await refusedAndNew(orderId);
      h.em.admin.setFaults({ burst429: 0 });
      await eventually(() => deepEqual(h.events.typesOf(orderId), FILLED));
      await assertExactlyOnce(h, orderId, 1);
    });
  });
