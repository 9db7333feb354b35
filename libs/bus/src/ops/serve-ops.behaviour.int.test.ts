import { testNamespace, testNatsUrl } from '@hoga/testkit';
import { connectNatsBus } from '../nats/nats-bus.js';
import { opsBehaviour } from './testing/ops.behaviour.js';

opsBehaviour('NATS bus', async () => {
  const servers = await testNatsUrl();
  const namespace = testNamespace('ops');
  const server = await connectNatsBus({ servers, namespace, name: 'ops-server' });
  const client = await connectNatsBus({ servers, namespace, name: 'ops-client' });
  return {
    server,
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
});
