import { deepEqual, equal, ok } from 'node:assert/strict';
import { eventually } from '@hoga/testkit';
import { marketSell, orderIdOf, placeOrder } from './testing/commands.js';
import { Harness } from './testing/harness.js';
import { assertExactlyOnce } from './testing/invariants.js';
import { UpbitProbe } from './testing/upbit-probe.js';

const FILLED = ['OrderAccepted', 'OrderFilled', 'OrderCompleted'];

/**
 * An exit is stored already `submitting`, in one statement, before its POST (ADR 0066 addendum):
 * while Upbit holds the answer, the row says so; a command delivered again meanwhile waits for
 * the order's lock and finds the outcome recorded; an exit the gate stops is stored `new` and
 * denied as before.
 */
for (const bus of ['in-process', 'nats'] as const)
  describe(`order-executor: an exit stored as it is sent (${bus} bus)`, () => {
    let h: Harness;
    beforeEach(async () => {
      // Every answer comes 300 ms after the request was processed: the POST is seen in flight.
      h = await Harness.open(bus, { faults: { latencyMs: 300 } });
      await h.setTradingState('ACTIVE');
    });
    afterEach(() => h.dispose());

    it('the row is submitting while the POST is unanswered; the command sent twice meanwhile makes one order', async () => {
      const probe = new UpbitProbe();
      await h.startExecutor({}, h.bus, { upbitClient: probe.client(h) });
      const command = marketSell('p-exit', '0.001');
      const orderId = orderIdOf('p-exit', 'exit');
      await h.send(command);
      await eventually(() => equal(probe.posted.length, 1), 5_000, 2);
      const row = await h.order(orderId);
      equal(row?.state, 'submitting', 'the send is on record before Upbit answered');
      ok(row.last_sent_at !== null);
      equal(row.send_refusals, 0);
      await h.send(command); // a second delivery of the same command while the POST is in flight
      await eventually(() => deepEqual(h.events.typesOf(orderId), FILLED));
      deepEqual(probe.posted, [command.data.identifier], 'POSTed once');
      await assertExactlyOnce(h, orderId, 1);
    });

    it('an exit the gate stops (a limit price off the tick grid) is stored new and denied, never POSTed', async () => {
      const probe = new UpbitProbe();
      await h.startExecutor({}, h.bus, { upbitClient: probe.client(h) });
      const command = placeOrder({
        positionId: 'p-grid',
        leg: 'exit',
        kind: 'limit',
        price: '100000001',
        volume: '0.001',
      });
      const orderId = orderIdOf('p-grid', 'exit');
      await h.send(command);
      await eventually(() => deepEqual(h.events.typesOf(orderId), ['OrderDenied']));
      equal((await h.order(orderId))?.state, 'denied');
      deepEqual(probe.posted, []);
    });
  });
