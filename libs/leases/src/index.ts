/**
 * @hoga/leases — exclusive leases shared by the instances of a service: PostgreSQL session-level
 * advisory locks (lost with their connection), and a solo backend for a single instance.
 */
export type { LeaseBackend } from './lease-backend.port.js';
export { PostgresLeaseBackend, DEFAULT_LEASE_CLASS, leaseKey } from './postgres-lease-backend.js';
export { SoloLeaseBackend } from './solo-lease-backend.js';
