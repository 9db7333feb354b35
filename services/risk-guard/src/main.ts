import { runAsMain } from '@hoga/config';
import { traced } from '@hoga/telemetry';
import { start } from './service.js';

/** `node dist/main.js`: risk-guard from `HOGA_CONFIG` + `HOGA_*`, drained on signals. */
runAsMain(
  import.meta.url,
  'risk-guard',
  traced('risk-guard', async () => {
    const running = await start();
    return () => running.stop();
  }),
);
