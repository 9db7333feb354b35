import { connectNatsBus, createInProcessBroker, createInProcessBus, type Bus } from '@hoga/bus';
import type { EngineLog } from './file-log.js';

/** Opens one bus per service: on NATS when a URL is given, else on one in-process broker. */
export type BusFactory = (service: string) => Promise<Bus>;

/** The bus factory of the engine (namespace '': the CLI then needs none). */
export function busFactory(natsUrl: string | null, log: EngineLog): BusFactory {
  if (natsUrl !== null)
    return (service) =>
      connectNatsBus({
        servers: natsUrl,
        namespace: '',
        name: `all-in-one/${service}`,
        logger: log.bus(service),
      });
  const broker = createInProcessBroker();
  return (service) =>
    Promise.resolve(createInProcessBus({ broker, namespace: '', logger: log.bus(service) }));
}
