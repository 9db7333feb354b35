import { OPS, subjects, type OpsService, type OpsVerb } from '@hoga/contracts';
import type { BusLogger } from '../bus-logger.js';
import { BusUsageError } from '../bus.errors.js';
import type { ErasedOpsHandler, OpsTarget } from './answer-ops.js';

/** One endpoint to serve: what `answerOps` needs, and the subject (without namespace). */
export interface OpsEndpointTarget extends OpsTarget {
  readonly subject: string;
  readonly requestName: string;
  readonly replyName: string;
  /** Answered by every instance (no queue group). */
  readonly broadcast: boolean;
}

/**
 * The endpoints of `service` in catalog order, each with its handler. Throws `BusUsageError`
 * before anything is registered when a verb of the catalog has no handler.
 */
export function opsTargets<S extends OpsService>(
  service: S,
  handlers: Readonly<Record<string, ErasedOpsHandler>>,
  logger: BusLogger,
  broadcast: readonly string[] = [],
): OpsEndpointTarget[] {
  return (Object.keys(OPS[service]) as OpsVerb<S>[]).map((verb) => {
    const handler = handlers[verb];
    if (typeof handler !== 'function')
      throw new BusUsageError(`serveOps: no handler for ${service}.${verb}`);
    const route = subjects.ops(service, verb);
    return {
      service,
      verb,
      handler,
      logger,
      subject: route.subject,
      requestName: route.request.name,
      replyName: route.reply.name,
      broadcast: broadcast.includes(verb),
    };
  });
}
