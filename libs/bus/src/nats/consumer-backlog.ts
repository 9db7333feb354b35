import type { Route } from '@hoga/contracts';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { Bus } from '../bus.port.js';
import { Namespace } from '../namespace.js';
import { natsOpsAccess } from '../ops/nats-ops-access.js';

/** One durable consumer's backlog: messages not yet delivered plus delivered but not acked. */
export interface ConsumerBacklog {
  readonly durable: string;
  readonly pending: number;
}

const managers = new WeakMap<Bus, Promise<JetStreamManager>>();

function managerOf(bus: Bus, access: NonNullable<ReturnType<typeof natsOpsAccess>>) {
  let manager = managers.get(bus);
  if (manager === undefined) {
    manager = jetstreamManager(access.nc);
    managers.set(bus, manager);
    manager.catch(() => managers.delete(bus));
  }
  return manager;
}

/**
 * The backlog of the named durable consumers of `route`'s stream, read from JetStream
 * (`num_pending + num_ack_pending`, one `CONSUMER.INFO` each: what a service's NATS user may
 * ask about its own consumers); a consumer that does not exist (yet) is left out. Empty for a
 * bus that is not NATS. For the `hoga.consumer.pending` metric.
 */
export async function consumerBacklogs<A>(
  bus: Bus,
  route: Route<A>,
  durables: readonly string[],
): Promise<ConsumerBacklog[]> {
  const access = natsOpsAccess(bus);
  if (access === undefined || access.nc.isClosed() || route.stream === undefined) return [];
  const jsm = await managerOf(bus, access);
  const stream = new Namespace(access.namespace).streamName(route.stream.name);
  const found = await Promise.all(
    durables.map(async (durable) => {
      try {
        const info = await jsm.consumers.info(stream, durable);
        return { durable, pending: info.num_pending + info.num_ack_pending };
      } catch {
        return undefined;
      }
    }),
  );
  return found.filter((b): b is ConsumerBacklog => b !== undefined);
}

/**
 * Deletes the named durable consumer of `route`'s stream on JetStream; true when it was there.
 * For retiring a consumer that a new version no longer reads (ADR 0065: the unpartitioned
 * order-event consumers, once drained). False for a bus that is not NATS (nothing outlives its
 * process there). Needs `CONSUMER.DELETE` on the stream in the user's permissions.
 */
export async function deleteConsumer<A>(
  bus: Bus,
  route: Route<A>,
  durable: string,
): Promise<boolean> {
  const access = natsOpsAccess(bus);
  if (access === undefined || access.nc.isClosed() || route.stream === undefined) return false;
  const jsm = await managerOf(bus, access);
  const stream = new Namespace(access.namespace).streamName(route.stream.name);
  try {
    await jsm.consumers.info(stream, durable);
  } catch {
    return false;
  }
  return jsm.consumers.delete(stream, durable);
}
