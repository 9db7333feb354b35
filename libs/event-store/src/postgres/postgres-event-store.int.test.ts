import { createTestSchema } from '@hoga/testkit';
import { eventStoreContract } from '../testing/event-store.contract.js';
import { PostgresEventStore } from './postgres-event-store.js';

eventStoreContract('PostgresEventStore', async () => {
  const schema = await createTestSchema('event_store_contract');
  const store = new PostgresEventStore(schema.poolConfig);
  await store.migrate();
  return {
    store,
    async dispose() {
      await store.close();
      await schema.dispose();
    },
  };
});
