import { deadLetterLimitsFromEnv } from '@hoga/config';
import { connectNatsBus, createInProcessBroker, createInProcessBus, type Bus } from '@hoga/bus';
import type { EngineLog } from './file-log.js';

/** Opens one bus per service: on NATS when a URL is given, else on one in-process broker. */
export type BusFactory = (service: string) => Promise<Bus>;

/**
 * The bus factory of the engine (namespace '': the CLI then needs none); the dead-letter store's
 * limits (ADR 0034) from `HOGA_DEAD_LETTERS__*` of the engine's `env`, the same for every service.
 */
export function busFactory(
  natsUrl: string | null,
  log: EngineLog,
  env: NodeJS.ProcessEnv,
): BusFactory {
  const deadLetters = deadLetterLimitsFromEnv(env);
  if (natsUrl !== null)
    return (service) =>
      connectNatsBus({
        servers: natsUrl,
        namespace: '',
        name: `all-in-one/${service}`,
        logger: log.bus(service),
        deadLetters,
      });
  const broker = createInProcessBroker();
  return (service) =>
    Promise.resolve(
      createInProcessBus({
        broker,
        namespace: '',
        name: service,
        logger: log.bus(service),
        deadLetters,
      }),
    );
}
