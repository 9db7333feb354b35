import { deepEqual, equal, ok } from 'node:assert/strict';
import { subjects } from '@hoga/contracts';
import { eventually } from '@hoga/testkit';
import { identifierOf, limitBuy, marketBuy, orderIdOf } from './testing/commands.js';
import { Harness } from './testing/harness.js';
import { assertExactlyOnce } from './testing/invariants.js';
import { UpbitProbe } from './testing/upbit-probe.js';

const FILLED = ['OrderAccepted', 'OrderFilled', 'OrderCompleted'];

for (const bus of ['in-process', 'nats'] as const)
  describe(`order-executor: absence only when every view agrees (ADR 0031, ${bus} bus)`, () => {
    let h: Harness;
    let probe: UpbitProbe;
    beforeEach(async () => {
      h = await Harness.open(bus);
      await h.setTradingState('ACTIVE');
      probe = new UpbitProbe();
      // Unknown outcomes alerted at once, so a test can see the alert that closes the loop.
      await h.startExecutor({ executor: { unknownAlertAfterMs: 0 } }, h.bus, {
        upbitClient: probe.client(h),
      });
    });
    afterEach(() => h.dispose());

    const count = (request: string, from = 0) =>
      probe.requests.slice(from).filter((r) => r === request).length;
    const listedFirst = () =>
      h.logs.records.some((r) => r.msg.includes('not found by identifier but on the account'));

    it('a lagging lookup by identifier: the closed list shows the filled order, it is adopted, never sent twice (I1)', async () => {
      // Upbit placed (and filled) the order, its answer was lost, and its lookup by identifier
      // answers order_not_found far beyond the absence window: only the lists can tell.
      h.em.admin.setFaults({ dropNextOrderResponses: 1, identifierLookupLagMs: 3_600_000 });
      await h.send(marketBuy('p-lag', '100000'));
      const orderId = orderIdOf('p-lag');
      await eventually(() => deepEqual(h.events.typesOf(orderId), ['OrderUnknown', ...FILLED]));
      ok(listedFirst(), 'adopted from the order list');
      ok(count('GET /v1/orders/closed') >= 1, 'the closed list was read');
      deepEqual(probe.posted, [identifierOf('p-lag')], 'one POST');
      await assertExactlyOnce(h, orderId, 1);
    });

    it('a lagging lookup by identifier of a resting order: the open list shows it, adopted (I1)', async () => {
      h.em.admin.setFaults({ dropNextOrderResponses: 1, identifierLookupLagMs: 3_600_000 });
      // Far below the market: it rests on the book.
      await h.send(limitBuy('p-rest', '50000000', '0.001'));
      const orderId = orderIdOf('p-rest');
      await eventually(() =>
        deepEqual(h.events.typesOf(orderId), ['OrderUnknown', 'OrderAccepted']),
      );
      equal((await h.order(orderId))?.state, 'open');
      ok(listedFirst(), 'adopted from the order list');
      deepEqual(probe.posted, [identifierOf('p-rest')], 'one POST');
      await assertExactlyOnce(h, orderId, 1);
    });

    it('a truly absent order is declared absent once the lookups and both lists agree', async () => {
      h.em.admin.setFaults({ fail5xxNext: 1, fail5xxAfterProcessing: false, fail5xxStatus: 503 });
      const before = probe.requests.length;
      await h.send(marketBuy('p-gone', '100000'));
      const orderId = orderIdOf('p-gone');
      await eventually(() =>
        deepEqual(h.events.typesOf(orderId), ['OrderUnknown', 'OrderNotPlaced']),
      );
      const row = await h.order(orderId);
      equal(row?.state, 'not_placed');
      ok(row?.detail?.includes('neither the open nor the closed order list'), row?.detail ?? '');
      // Worst case measured here: every counting lookup, then one page of each list.
      ok(count('GET /v1/order', before) >= 2, 'at least two lookups by identifier');
      equal(count('GET /v1/orders/open', before), 1, 'one page of open orders');
      equal(count('GET /v1/orders/closed', before), 1, 'one page of closed orders');
      await assertExactlyOnce(h, orderId, 0);
    });

    it('an operator alerted of an unknown order hears once that it was never placed', async () => {
      const alerts: string[] = [];
      await h.bus.subscribe(
        subjects.alert('warning'),
        (d) => void alerts.push(d.data.data.dedupKey),
      );
      h.em.admin.setFaults({ fail5xxNext: 1, fail5xxAfterProcessing: false, fail5xxStatus: 503 });
      await h.send(marketBuy('p-told', '100000'));
      const orderId = orderIdOf('p-told');
      await eventually(() =>
        deepEqual(h.events.typesOf(orderId), ['OrderUnknown', 'OrderNotPlaced']),
      );
      await eventually(() =>
        deepEqual(
          alerts.filter((k) => k.endsWith(orderId)),
          [`order-unknown:${orderId}`, `order-not-placed:${orderId}`],
        ),
      );
    });

    it('an unreadable list leaves the order unknown (visible) until it can be read', async () => {
      probe.failing.add('/v1/orders/closed');
      h.em.admin.setFaults({ fail5xxNext: 1, fail5xxAfterProcessing: false, fail5xxStatus: 503 });
      await h.send(marketBuy('p-blind', '100000'));
      const orderId = orderIdOf('p-blind');
      await eventually(() => ok(h.logs.records.some((r) => r.msg.includes('absence not proven'))));
      deepEqual(h.events.typesOf(orderId), ['OrderUnknown']);
      equal((await h.order(orderId))?.state, 'unknown');
      probe.failing.delete('/v1/orders/closed');
      await eventually(() =>
        deepEqual(h.events.typesOf(orderId), ['OrderUnknown', 'OrderNotPlaced']),
      );
      await assertExactlyOnce(h, orderId, 0);
    });
  });
