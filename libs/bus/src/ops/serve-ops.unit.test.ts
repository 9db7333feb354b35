import { createInProcessBroker } from '../in-process/in-process-broker.js';
import { createInProcessBus } from '../in-process/in-process-bus.js';
import { opsBehaviour } from './testing/ops.behaviour.js';

opsBehaviour('in-process bus', async () => {
  const broker = createInProcessBroker();
  const server = createInProcessBus({ namespace: 'ops.test', broker });
  const client = createInProcessBus({ namespace: 'ops.test', broker });
  return {
    server,
    client,
    async close() {
      await client.close();
      await server.close();
      broker.close();
    },
  };
});
