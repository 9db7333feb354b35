import { runAsMain } from '@hoga/config';
import { traced } from '@hoga/telemetry';
import { start } from './service.js';

/** `node dist/main.js`: position-actor from `HOGA_CONFIG` + `HOGA_*`, drained on signals. */
runAsMain(
  import.meta.url,
  'position-actor',
  traced('position-actor', async () => {
    const running = await start();
    return () => running.stop();
  }),
);
