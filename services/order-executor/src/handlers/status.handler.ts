import type { OpsHandlers } from '@hoga/bus';
import type { ExecutorConfig } from '../config.js';
import type { AccessState } from '../domain/exchange-access.js';

/**
 * `hoga.ops.order-executor.status`: whether commands are taken, the access to the exchange, and
 * the settings in force (fee rate, concurrency, entry age, limits, the partition count of the
 * order-event subjects). The keys are never part of it.
 */
export function statusHandler(
  config: ExecutorConfig,
  now: { readonly taking: () => boolean; readonly access: () => AccessState },
): OpsHandlers<'order-executor'>['status'] {
  const { executor, limits } = config;
  const settings = {
    feeRate: executor.feeRate,
    maxInFlight: executor.maxInFlight,
    maxEntryAgeMs: executor.maxEntryAgeMs,
    maxOpenPositions: limits.maxOpenPositions,
    maxExposurePerMarketKrw: limits.maxExposurePerMarketKrw,
    partitions: config.positionActor.partitions,
  };
  return () => {
    const access = now.access();
    return Promise.resolve({
      ok: true,
      exchange: config.upbit.baseUrl,
      taking: now.taking(),
      access: {
        status: access.status,
        problem: access.status === 'lost' ? access.problem : null,
      },
      settings,
    });
  };
}
