import { DEAD_LETTERS_VERB, type OpsService } from '@hoga/contracts';
import { consoleJsonLogger } from '../bus-logger.js';
import type { Bus } from '../bus.port.js';
import type { ErasedOpsHandler } from './answer-ops.js';
import { deadLettersHandler } from './dead-letters-ops.js';
import { natsOpsAccess } from './nats-ops-access.js';
import type { OpsHandlers, OpsServer, ServeOpsOptions } from './ops-handlers.js';
import { opsTargets } from './ops-targets.js';
import { serveOpsOverBus } from './serve-ops-in-process.js';
import { serveOpsOverNats } from './serve-ops-nats.js';

/** The NATS micro-service name of a hoga service: `hoga-position-actor`. */
export const opsServiceName = (service: OpsService): string => `hoga-${service}`;

/**
 * Serves the operator endpoints of one hoga service (`subjects.ops(service, verb)`, every verb of
 * the contracts' catalog; `deadletters` is answered here, from the bus's dead-letter store). On the NATS bus they form a NATS micro service named
 * `hoga-<service>`, so `nats micro ls` lists it and `nats req` calls it; on the in-process bus
 * they are plain `bus.reply` handlers. Either way a request that does not decode is answered
 * `{ ok: false, error: { code: 'bad-request' } }` without calling the handler, and a thrown error
 * becomes an `{ ok: false }` reply with a code, never a stack.
 */
export async function serveOps<S extends OpsService>(
  bus: Bus,
  service: S,
  handlers: OpsHandlers<S>,
  options: ServeOpsOptions = {},
): Promise<OpsServer> {
  const logger = options.logger ?? consoleJsonLogger;
  // Each handler takes what its endpoint's codec decodes, and answerOps decodes with that codec.
  const erased: Readonly<Record<string, ErasedOpsHandler>> = {
    ...(handlers as unknown as Readonly<Record<string, ErasedOpsHandler>>),
    [DEAD_LETTERS_VERB]: deadLettersHandler(bus, service),
  };
  const targets = opsTargets(service, erased, logger, options.broadcast);
  const access = natsOpsAccess(bus);
  if (access === undefined) return serveOpsOverBus(bus, targets);
  const identity = {
    name: opsServiceName(service),
    version: options.version ?? '0.1.0',
    description: options.description ?? `hoga ${service} operator endpoints`,
  };
  return serveOpsOverNats(access, targets, identity, logger);
}
