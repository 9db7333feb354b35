import { deepStrictEqual } from 'node:assert/strict';
import { streamRoute } from '@hoga/contracts';
import { eventually, testNamespace, testNatsUrl } from '@hoga/testkit';
import { createInProcessBus } from '../in-process/in-process-bus.js';
import { ping, PingC, streamSpec } from '../testing/contract/fixtures.js';
import { consumerBacklogs } from './consumer-backlog.js';
import { connectNatsBus } from './nats-bus.js';
import { removeNatsNamespace } from './nats-namespace-cleanup.js';

describe('consumerBacklogs (NATS JetStream)', () => {
  it("reads a durable consumer's backlog: waiting plus unacknowledged, then none once acked", async () => {
    const servers = await testNatsUrl();
    const namespace = testNamespace('backlog');
    const bus = await connectNatsBus({ servers, namespace });
    const spec = streamSpec('BACKLOG', ['backlog.>'], 'limits');
    const route = streamRoute('backlog.ping', PingC, spec);
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    try {
      for (const n of [1, 2, 3]) await bus.publishDurable(route, ping(n), { msgId: `m-${n}` });
      await bus.consume(route, { durable: 'slow', ackWaitMs: 30_000, maxDeliver: 3 }, async (d) => {
        await held;
        await d.ack();
      });
      await eventually(async () =>
        deepStrictEqual(
          (await consumerBacklogs(bus, route, ['slow', 'absent'])).map((b) => [
            b.durable,
            b.pending,
          ]),
          [['slow', 3]],
          'a consumer that does not exist is left out',
        ),
      );
      release();
      await eventually(async () =>
        deepStrictEqual(
          (await consumerBacklogs(bus, route, ['slow'])).map((b) => b.pending),
          [0],
        ),
      );
    } finally {
      release();
      await bus.close();
      await removeNatsNamespace({ servers, namespace });
    }
  });

  it('reports nothing for a bus that is not NATS', async () => {
    const bus = createInProcessBus();
    const route = streamRoute('x.ping', PingC, streamSpec('X', ['x.>']));
    deepStrictEqual(await consumerBacklogs(bus, route, ['d']), []);
    await bus.close();
  });
});
