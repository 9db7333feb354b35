import type { Bus } from '../bus.port.js';
import { natsOpsAccess } from '../ops/nats-ops-access.js';

/**
 * Whether the bus can reach its server now: for a NATS bus a PING/PONG round trip on its
 * connection (false while disconnected, reconnecting or closed); an in-process bus is always
 * reachable. For readiness probes.
 */
export async function pingBus(bus: Bus): Promise<boolean> {
  const access = natsOpsAccess(bus);
  if (access === undefined) return true;
  if (access.nc.isClosed()) return false;
  try {
    await access.nc.rtt();
    return true;
  } catch {
    return false;
  }
}
