import { runAsMain } from '@hoga/config';
import { traced } from '@hoga/telemetry';
import { start } from './service.js';

/** `node dist/main.js`: dashboard-gateway from `HOGA_CONFIG` + `HOGA_*`, drained on signals. */
runAsMain(
  import.meta.url,
  'dashboard-gateway',
  traced('dashboard-gateway', async () => {
    const running = await start();
    return () => running.stop();
  }),
);
