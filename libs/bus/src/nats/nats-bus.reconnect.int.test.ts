import { coreRoute, streamRoute } from '@hoga/contracts';
import { testNamespace } from '@hoga/testkit';
import { deepStrictEqual, ok } from 'node:assert/strict';
import type { Bus } from '../bus.port.js';
import { eventually } from '@hoga/testkit';
import { Inbox, ping, PingC, streamSpec } from '../testing/contract/fixtures.js';
import { startPrivateNatsServer, type PrivateNatsServer } from '../testing/private-nats-server.js';
import { recordingLogger } from '../testing/recording-logger.js';
import { connectNatsBus } from './nats-bus.js';

describe('NATS bus across a server restart', function () {
  this.timeout(60_000);
  let server: PrivateNatsServer;
  let bus: Bus;
  const logger = recordingLogger();

  before(async () => {
    server = await startPrivateNatsServer();
    bus = await connectNatsBus({
      servers: server.url,
      namespace: testNamespace('reconnect'),
      logger,
      reconnectWaitMs: 100,
    });
  });
  after(async () => {
    await bus.close();
    await server.dispose();
  });

  it('loses nothing acknowledged, redelivers what was not acked, and resumes core and durable delivery', async () => {
    const route = streamRoute('orders.cmd', PingC, streamSpec('ORDERS', ['orders.>'], 'workqueue'));
    const core = new Inbox<number>();
    await bus.subscribe(coreRoute('ticks.btc', PingC), (d) => core.push(d.data.data.n));
    const handled = new Inbox<[number, number]>();
    await bus.consume(
      route,
      { durable: 'executor', ackWaitMs: 2_000, maxDeliver: 10 },
      async (d) => {
        handled.push([d.data.data.n, d.deliveryCount]);
        // Message 2 is still "in the handler" when the server goes away: it is not acked.
        if (d.data.data.n !== 2 || d.deliveryCount > 1) await d.ack();
      },
    );
    await bus.publishDurable(route, ping(1), { msgId: '1' });
    await bus.publishDurable(route, ping(2), { msgId: '2' });
    await handled.atLeast(2);

    await server.restart();
    await eventually(
      () => ok(logger.lines.some((l) => l.message === 'bus: nats reconnect')),
      15_000,
    );

    await bus.publishDurable(route, ping(3), { msgId: '3' });
    const got = await handled.atLeast(4, 15_000);
    deepStrictEqual(got.filter(([n]) => n !== 1).sort(), [
      [2, 1],
      [2, 2],
      [3, 1],
    ]);
    deepStrictEqual(
      got.filter(([n]) => n === 1),
      [[1, 1]],
    );
    await eventually(async () => {
      await bus.publish(coreRoute('ticks.btc', PingC), ping(9));
      await core.atLeast(1, 200);
    }, 15_000);
  });
});
