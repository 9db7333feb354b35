import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { Bus } from '../bus.port.js';
import { Namespace } from '../namespace.js';
import { natsOpsAccess } from '../ops/nats-ops-access.js';

/** One durable consumer's backlog: messages not yet delivered plus delivered but not acked. */
export interface ConsumerBacklog {
  readonly stream: string;
  readonly durable: string;
  readonly pending: number;
}

const managers = new WeakMap<Bus, Promise<JetStreamManager>>();

/**
 * The backlog of the durable consumers of this bus's namespace whose name `wanted` accepts, read
 * from JetStream (`num_pending + num_ack_pending`); empty for a bus that is not NATS. For the
 * `hoga.consumer.pending` metric: each service asks for its own durables only.
 */
export async function consumerBacklogs(
  bus: Bus,
  wanted: (durable: string) => boolean,
): Promise<ConsumerBacklog[]> {
  const access = natsOpsAccess(bus);
  if (access === undefined || access.nc.isClosed()) return [];
  let manager = managers.get(bus);
  if (manager === undefined) {
    manager = jetstreamManager(access.nc);
    managers.set(bus, manager);
    manager.catch(() => managers.delete(bus));
  }
  const jsm = await manager;
  const prefix =
    access.namespace === '' ? '' : new Namespace(access.namespace).streamName('x').slice(0, -1);
  const out: ConsumerBacklog[] = [];
  for await (const stream of jsm.streams.list()) {
    const name = stream.config.name;
    if (!name.startsWith(prefix)) continue;
    for await (const consumer of jsm.consumers.list(name)) {
      const durable = consumer.config.durable_name ?? consumer.name;
      if (wanted(durable))
        out.push({
          stream: name,
          durable,
          pending: consumer.num_pending + consumer.num_ack_pending,
        });
    }
  }
  return out;
}
