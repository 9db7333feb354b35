import { PostgresLeaseBackend } from '@hoga/leases';

/**
 * The advisory-lock class of risk-guard's leader lease: 'RGRD' (its presence locks use
 * class + 1). position-actor's partitions use 'PACT': the two services' locks never collide.
 */
export const RISK_GUARD_LEASE_CLASS = 0x52475244;

/** The leader lease of a risk-guard process: one session-level advisory lock on `databaseUrl`. */
export const leaderLease = (databaseUrl: string): PostgresLeaseBackend =>
  new PostgresLeaseBackend({ connectionString: databaseUrl }, RISK_GUARD_LEASE_CLASS);
