import { deadLetterLimitsFromEnv } from '@hoga/config';
import { connectNatsBus, createInProcessBroker, createInProcessBus, type Bus } from '@hoga/bus';
import type { EngineLog } from './file-log.js';

/** Opens one bus per service: on NATS when a URL is given, else on one in-process broker. */
export type BusFactory = (service: string) => Promise<Bus>;

/** The bus factory of the engine (namespace '': the CLI then needs none). */
export function busFactory(natsUrl: string | null, log: EngineLog): BusFactory {
  // The dead-letter store's limits (ADR 0034), the same for every service of the engine.
  const deadLetters = deadLetterLimitsFromEnv();
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
