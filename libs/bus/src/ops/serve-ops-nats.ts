import { Svcm, type ServiceMsg } from '@nats-io/services';
import type { BusLogger } from '../bus-logger.js';
import { messageOf } from '../bus.errors.js';
import { utf8Bytes } from '../bytes.js';
import { Namespace } from '../namespace.js';
import type { Headers } from '../bus.port.js';
import { answerOps } from './answer-ops.js';
import { boundedFailure } from './ops-error.js';
import type { OpsServer } from './ops-handlers.js';
import type { NatsOpsAccess } from './nats-ops-access.js';
import type { OpsEndpointTarget } from './ops-targets.js';

/**
 * The connection type of `@nats-io/services` 3.0.0-25, which bundles its own (older) nats-core
 * types. The runtime protocol is the same (ARCHITECTURE §11 checked it against our server); only
 * the declared types differ, so the bus's connection is handed over through this type.
 */
type ServicesConnection = ConstructorParameters<typeof Svcm>[0];

/** NATS headers to bus headers; a repeated header's values are joined with `,` (as in HTTP). */
function headersOf(msg: ServiceMsg): Headers {
  const out: Record<string, string> = {};
  for (const name of msg.headers?.keys() ?? [])
    out[name] = msg.headers?.values(name).join(',') ?? '';
  return out;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** How the micro service presents itself to `nats micro ls|info`. */
export interface MicroIdentity {
  readonly name: string;
  readonly version: string;
  readonly description: string;
}

function parseJson(data: Uint8Array): { ok: true; json: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, json: JSON.parse(strictUtf8.decode(data)) };
  } catch (error) {
    return { ok: false, error: `the request is not JSON: ${messageOf(error)}` };
  }
}

/** Parses, answers and responds to one request; a reply that cannot be sent is logged. */
async function respond(msg: ServiceMsg, target: OpsEndpointTarget, ns: Namespace): Promise<void> {
  const parsed = parseJson(msg.data);
  const reply = parsed.ok
    ? await answerOps(target, parsed.json, {
        subject: ns.strip(msg.subject),
        headers: headersOf(msg),
      })
    : boundedFailure('bad-request', parsed.error);
  if (!msg.respond(utf8Bytes(JSON.stringify(reply))))
    target.logger.warn('ops: request without a reply subject ignored', { subject: msg.subject });
}

/**
 * Registers a NATS micro service (`$SRV.PING|INFO|STATS`, so `nats micro ls` lists it) with one
 * endpoint per target, named by its verb, on exactly the registry's subject (namespaced). The
 * bus namespace is also in the service's metadata (`namespace`).
 */
export async function serveOpsOverNats(
  access: NatsOpsAccess,
  targets: readonly OpsEndpointTarget[],
  identity: MicroIdentity,
  logger: BusLogger,
): Promise<OpsServer> {
  const ns = new Namespace(access.namespace);
  const micro = await new Svcm(access.nc as unknown as ServicesConnection).add({
    ...identity,
    metadata: { namespace: access.namespace },
  });
  const inFlight = new Set<Promise<void>>();
  for (const target of targets) {
    micro.addEndpoint(target.verb, {
      subject: ns.subject(target.subject),
      // A broadcast verb gets a queue group of this instance alone, so every instance hears it
      // (@nats-io/services 3.0.0-25 replaces an empty queue by the service's default `q`).
      ...(target.broadcast ? { queue: `i-${micro.info().id}` } : {}),
      metadata: { request: target.requestName, reply: target.replyName },
      handler: (error, msg) => {
        if (error !== null) {
          logger.warn('ops: endpoint failed', { subject: target.subject, error: messageOf(error) });
          return;
        }
        const run = respond(msg, target, ns)
          .catch((e: unknown) => logger.warn('ops: reply failed', { error: messageOf(e) }))
          .finally(() => inFlight.delete(run));
        inFlight.add(run);
      },
    });
  }
  // Resolve once the server knows the endpoints, so a request that follows is answered.
  await access.nc.flush();
  return {
    id: micro.info().id,
    async stop() {
      if (!access.nc.isClosed()) await micro.stop();
      await Promise.all(inFlight);
    },
  };
}
