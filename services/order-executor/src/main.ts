import { runAsMain } from '@hoga/config';
import { traced } from '@hoga/telemetry';
import { start } from './service.js';

/** `node dist/main.js`: the order-executor from `HOGA_CONFIG` + `HOGA_*`, drained on signals. */
runAsMain(
  import.meta.url,
  'order-executor',
  traced('order-executor', async () => {
    const running = await start();
    return () => running.stop();
  }),
);
