import { runAsMain } from '@hoga/config';
import { traced } from '@hoga/telemetry';
import { start } from './service.js';

/** `node dist/main.js`: market-feed from `HOGA_CONFIG` + `HOGA_*`, drained on signals. */
runAsMain(
  import.meta.url,
  'market-feed',
  traced('market-feed', async () => {
    const running = await start();
    return () => running.stop();
  }),
);
