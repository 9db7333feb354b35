import type { PositionActorService } from '../service.js';

/** How long a start took and how many positions it rehydrated. */
export interface RestartMeasurement {
  readonly ms: number;
  readonly rehydrated: number;
}

/**
 * Bench hook: times `start()` (index catch-up, lease pass, snapshot + tail load of every open
 * position of the owned partitions) until the service is ready to trade, then stops it.
 */
export async function measureRestart(
  start: () => Promise<PositionActorService>,
): Promise<RestartMeasurement> {
  const began = performance.now();
  const service = await start();
  const ms = performance.now() - began;
  await service.stop();
  return { ms, rehydrated: service.rehydrated };
}
