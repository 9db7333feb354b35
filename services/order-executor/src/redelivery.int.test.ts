import { deepEqual, ok } from 'node:assert/strict';
import { marketBuy, orderIdOf } from './testing/commands.js';
import { eventually } from '@hoga/testkit';
import { Harness } from './testing/harness.js';
import { assertExactlyOnce } from './testing/invariants.js';
import { observedBus } from './testing/observed-bus.js';

describe('order-executor: redelivered commands (NATS JetStream)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.open('nats');
    await h.setTradingState('ACTIVE');
  });
  afterEach(() => h.dispose());

  it('#7 the consumer dies after its side effect, before the ack: the redelivery changes nothing', async () => {
    const beforeAck: number[] = [];
    const dying = observedBus(h.bus, {
      dropAcks: true,
      seen: (d) => beforeAck.push(d.deliveryCount),
    });
    const first = await h.startExecutor({}, dying);
    await h.send(marketBuy('p-redo', '100000'));
    const orderId = orderIdOf('p-redo');
    const filled = ['OrderAccepted', 'OrderFilled', 'OrderCompleted'];
    await eventually(() => deepEqual(h.events.typesOf(orderId), filled));
    const recorded = (await h.storedEvents(orderId)).map((e) => e.id);
    await first.stop();

    const afterRestart: number[] = [];
    const healthy = observedBus(h.bus, {
      dropAcks: false,
      seen: (d) => afterRestart.push(d.deliveryCount),
    });
    await h.startExecutor({}, healthy);
    await eventually(() => ok(afterRestart.length > 0, 'the unacked command was delivered again'));
    ok(afterRestart[0]! > 1, `a redelivery (delivery ${afterRestart[0]})`);
    deepEqual(
      (await h.storedEvents(orderId)).map((e) => e.id),
      recorded,
      'no new event',
    );
    deepEqual(h.events.typesOf(orderId), filled);
    await assertExactlyOnce(h, orderId, 1);
  });
});
