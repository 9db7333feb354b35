import { equal } from 'node:assert/strict';
import type pg from 'pg';
import { RISK_GUARD_LEASE_CLASS } from '@hoga/risk-guard';
import { eventually } from '@hoga/testkit';
import { microPing } from './nats-micro.js';
import type { RiskStack } from './risk-stack.js';
import type { ServiceProcess } from './service-process.js';

/**
 * Whether a risk-guard process leads, from its own log: its last leadership record is
 * `risk-guard leading` (take-over complete, ops served), not `leader lease lost`.
 */
export function leadsByLog(proc: ServiceProcess): boolean {
  const last = proc
    .records()
    .filter(
      (r) =>
        r['msg'] === 'risk-guard leading' ||
        r['msg'] === 'leader lease lost: stopped acting; trying to lead again',
    )
    .at(-1);
  return !proc.exited && last?.['msg'] === 'risk-guard leading';
}

/** Granted advisory locks of `classId`, key `objid` when given, in the current database. */
async function grantedLocks(pool: pg.Pool, classId: number, objid?: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n from pg_locks
      where locktype = 'advisory' and granted and classid = $1::oid and objsubid = 1
        and ($2::bigint is null or objid::bigint = $2::bigint)
        and database = (select oid from pg_database where datname = current_database())`,
    [classId, objid ?? null],
  );
  return rows[0]?.n ?? 0;
}

/** Granted leader-lease locks of risk-guard (pg_locks): 1 while one instance leads. */
export const leaderLocks = (pool: pg.Pool): Promise<number> =>
  grantedLocks(pool, RISK_GUARD_LEASE_CLASS, 0);

/** Live risk-guard lease sessions (leader and standbys): their presence locks (class + 1). */
export const leaseSessions = (pool: pg.Pool): Promise<number> =>
  grantedLocks(pool, RISK_GUARD_LEASE_CLASS + 1);

/**
 * The instance id of the one risk-guard leader of the stack's `riskGuards`, once three views
 * agree: one leader lock granted in pg_locks, one live process whose log says it leads, one
 * `hoga-risk-guard` micro service instance (`nats micro ls`).
 */
export function riskGuardLeader(
  stack: RiskStack,
  timeoutMs = 30_000,
): Promise<{ instanceId: string; microId: string }> {
  return eventually(
    async () => {
      equal(await leaderLocks(stack.pool), 1, 'one leader lock in pg_locks');
      const leaders = (stack.options.riskGuards ?? []).filter((id) =>
        leadsByLog(stack.riskGuard(id)),
      );
      equal(leaders.length, 1, `one process logs 'risk-guard leading': ${leaders.join(',')}`);
      const micro = await microPing(stack.natsUrl, 'hoga-risk-guard');
      equal(micro.length, 1, `one hoga-risk-guard micro instance: ${JSON.stringify(micro)}`);
      return { instanceId: leaders[0]!, microId: micro[0]!.id };
    },
    timeoutMs,
    200,
  );
}
