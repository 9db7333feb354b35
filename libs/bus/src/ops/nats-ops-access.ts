import type { NatsConnection } from '@nats-io/transport-node';
import type { Bus } from '../bus.port.js';

/** What `serveOps` needs from a NATS bus to register micro services: its connection and namespace. */
export interface NatsOpsAccess {
  readonly nc: NatsConnection;
  readonly namespace: string;
}

const natsBuses = new WeakMap<Bus, NatsOpsAccess>();

/** Called by `connectNatsBus` only: remembers the connection behind a NATS bus. */
export function registerNatsOpsAccess(bus: Bus, access: NatsOpsAccess): void {
  natsBuses.set(bus, access);
}

/** The connection behind a bus made by `connectNatsBus`; undefined for any other bus. */
export const natsOpsAccess = (bus: Bus): NatsOpsAccess | undefined => natsBuses.get(bus);
